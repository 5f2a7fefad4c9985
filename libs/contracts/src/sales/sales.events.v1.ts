import { z } from 'zod';
import { defineEvent } from '../define';
import {
  Beneficiary,
  CalendarDate,
  Channel,
  Fen,
  Gender,
  Id,
  Instant,
  InsuredConsent,
  OccupationClass,
  PartyRelationship,
  PaymentMode,
  ProductRiskGrade,
  Reason,
  RiskLevel,
} from '../primitives';
import { Topics } from '../topics';
import { ProductDefinition } from './product';

const topic = Topics.SALES_EVENTS;

export const ProductPublishedV1 = defineEvent({
  type: 'sales.product-published',
  version: 1,
  topic,
  description: 'A product version was published from an effective date, with its full definition.',
  payload: z.object({ product: ProductDefinition, publishedAt: Instant }),
});

export const SalespersonGrade = z.enum(['G1', 'G2', 'G3']);

export const SalespersonRegisteredV1 = defineEvent({
  type: 'sales.salesperson-registered',
  version: 1,
  topic,
  description: 'A salesperson with grade, licence and training hours was registered or updated.',
  payload: z.object({
    salespersonId: z.string().min(1),
    grade: SalespersonGrade.nullable(),
    maxProductGrade: ProductRiskGrade.nullable(),
    licenceNumber: z.string().nullable(),
    licenceValidUntil: CalendarDate.nullable(),
    trainingHoursThisYear: z.number().min(0),
    /** Hours per calendar year (added in 1.x; absent from older producers): the annual requirement reads two years. */
    trainingHoursByYear: z.record(z.string().regex(/^\d{4}$/), z.number().min(0)).optional(),
    /** The day the salesperson started, which opens their first year (added in 1.x). */
    serviceStartedOn: CalendarDate.nullable().optional(),
    status: z.enum(['active', 'suspended', 'departed']),
    registeredAt: Instant,
  }),
});

/**
 * The salesperson's standing as sales-svc judged it when it let a sale through (added in 1.10.0): the facts the
 * authority rule reads on the sale's day, so a consumer judges the sale as of that day without having applied the
 * salesperson's registration first (it comes under another key, so in no set order with the sale).
 */
export const SalespersonStanding = z.object({
  grade: SalespersonGrade.nullable(),
  /**
   * The highest product risk grade the salesperson's grade may sell (the insurer's grading); null when ungraded.
   * Optional within the object: added after it was first committed.
   */
  maxProductGrade: ProductRiskGrade.nullable().optional(),
  licenceNumber: z.string().nullable(),
  licenceValidUntil: CalendarDate.nullable(),
  /** Hours per calendar year: the annual requirement reads the sale's year and the one before. */
  trainingHoursByYear: z.record(z.string().regex(/^\d{4}$/), z.number().min(0)),
  /** The day the salesperson started, which opens their first year. */
  serviceStartedOn: CalendarDate.nullable(),
  status: z.enum(['active', 'suspended', 'departed']),
});

export const SalespersonDepartedV1 = defineEvent({
  type: 'sales.salesperson-departed',
  version: 1,
  topic,
  description: 'A salesperson left; customers with policies over one year must be told within 30 days.',
  payload: z.object({
    salespersonId: z.string().min(1),
    departedOn: CalendarDate,
    noticeDueOn: CalendarDate,
    affected: z.array(z.object({ customerId: Id, policyId: Id })),
  }),
});

export const DepartureNoticeSentV1 = defineEvent({
  type: 'sales.departure-notice-sent',
  version: 1,
  topic,
  description: 'A customer was told that their salesperson left.',
  payload: z.object({ salespersonId: z.string().min(1), customerId: Id, policyId: Id, sentAt: Instant }),
});

export const SuitabilityAssessedV1 = defineEvent({
  type: 'sales.suitability-assessed',
  version: 1,
  topic,
  description: "A product was checked against the customer's risk level, means and existing cover.",
  payload: z.object({
    assessmentId: Id,
    customerId: Id,
    productCode: z.string().min(1),
    productRiskGrade: ProductRiskGrade,
    customerRiskLevel: RiskLevel.nullable(),
    riskLevelValidUntil: CalendarDate.nullable(),
    outcome: z.enum(['suitable', 'mismatch', 'advise_stop', 'acknowledged']),
    reasons: z.array(Reason),
    salespersonId: z.string().min(1),
    assessedAt: Instant,
  }),
});

export const QuoteIssuedV1 = defineEvent({
  type: 'sales.quote-issued',
  version: 1,
  topic,
  description: 'A quote valid for 30 days.',
  payload: z.object({
    quoteId: Id,
    /** The policyholder (投保人), to whom the sale is made. */
    customerId: Id,
    /** The insured (被保险人), added in 1.x: absent from older producers, where the insured is the customer. */
    insuredId: Id.optional(),
    /** How the insured stands to the policyholder (added in 1.x). */
    insuredRelationship: PartyRelationship.optional(),
    productCode: z.string().min(1),
    productVersion: z.number().int().positive(),
    sumInsuredFen: Fen,
    premiumFen: Fen,
    paymentMode: PaymentMode,
    paymentTermYears: z.number().int().min(1),
    coverageTermYears: z.number().int().min(1),
    salespersonId: z.string().min(1),
    /** The salesperson's standing at the sale (added in 1.10.0; absent from older producers). */
    salespersonStanding: SalespersonStanding.optional(),
    channel: Channel,
    validUntil: CalendarDate,
    issuedAt: Instant,
  }),
});

export { Beneficiary };

export const DualRecording = z.object({
  reference: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  durationSeconds: z.number().int().positive(),
  checklist: z.array(z.string()).min(1),
});

/**
 * An application for underwriting. Health data is reduced to the codes of declared conditions and the BMI that
 * underwriting rules need; the answers themselves stay in sales-svc.
 */
export const ApplicationSubmittedV1 = defineEvent({
  type: 'sales.application-submitted',
  version: 1,
  topic,
  description:
    'An application made from a valid quote passed the sales-conduct checks and awaits underwriting.',
  payload: z.object({
    applicationId: Id,
    quoteId: Id,
    policyholderId: Id,
    insuredId: Id,
    payerId: Id,
    payerRelationship: z.enum(['self', 'spouse', 'parent', 'child', 'employer', 'other']),
    /** How the insured stands to the policyholder (added in 1.x; absent means the quote named no other insured). */
    insuredRelationship: PartyRelationship.optional(),
    /** The insured's signed consent where the law needs it (Arts. 31, 34); added in 1.x. */
    insuredConsent: InsuredConsent.nullable().optional(),
    /** The policyholder's completed age on the effective date, which dual recording reads (added in 1.x). */
    policyholderAge: z.number().int().min(0).max(120).optional(),
    productCode: z.string().min(1),
    productVersion: z.number().int().positive(),
    productRiskGrade: ProductRiskGrade,
    sumInsuredFen: Fen,
    premiumFen: Fen,
    paymentMode: PaymentMode,
    paymentTermYears: z.number().int().min(1),
    coverageTermYears: z.number().int().min(1),
    insuredAge: z.number().int().min(0).max(120),
    /**
     * The last day the insured is `insuredAge` (the day before their next birthday): a policy issued later is not
     * issued at this rating (added in 1.x; carries no birth date).
     */
    ratingAgeValidUntil: CalendarDate.optional(),
    insuredGender: Gender,
    occupationClass: OccupationClass,
    annualIncomeFen: Fen,
    bmi: z.number().positive().nullable(),
    declaredConditions: z.array(z.string()),
    identityVerified: z.boolean(),
    customerRiskLevel: RiskLevel.nullable(),
    riskLevelValidUntil: CalendarDate.nullable(),
    dualRecordingRequired: z.boolean(),
    dualRecording: DualRecording.nullable(),
    beneficiaries: z.array(Beneficiary),
    salespersonId: z.string().min(1),
    /** The salesperson's standing at the submission (added in 1.10.0; absent from older producers). */
    salespersonStanding: SalespersonStanding.optional(),
    channel: Channel,
    submittedAt: Instant,
  }),
});

export const ReturnVisitScheduledV1 = defineEvent({
  type: 'sales.return-visit-scheduled',
  version: 1,
  topic,
  description: 'A return visit was scheduled to fall inside the cooling-off period.',
  payload: z.object({ visitId: Id, policyId: Id, customerId: Id, dueOn: CalendarDate, scheduledAt: Instant }),
});

export const ReturnVisitCompletedV1 = defineEvent({
  type: 'sales.return-visit-completed',
  version: 1,
  topic,
  description: 'A return visit reached (or failed to reach) the customer and recorded what they confirmed.',
  payload: z.object({
    visitId: Id,
    policyId: Id,
    customerId: Id,
    salespersonId: z.string().min(1),
    reached: z.boolean(),
    identityConfirmed: z.boolean(),
    termsUnderstood: z.boolean(),
    wantsToWithdraw: z.boolean(),
    dueOn: CalendarDate,
    completedAt: Instant,
  }),
});

export const ReturnVisitOverdueV1 = defineEvent({
  type: 'sales.return-visit-overdue',
  version: 1,
  topic,
  description: 'A return visit was not completed by its due date.',
  payload: z.object({ visitId: Id, policyId: Id, customerId: Id, dueOn: CalendarDate, detectedAt: Instant }),
});
