import { z } from 'zod';
import { defineEvent } from '../define';
import {
  Beneficiary,
  CalendarDate,
  Channel,
  Fen,
  Id,
  Instant,
  PartyRelationship,
  PaymentMode,
  Percent,
  ProductType,
  Reason,
  SignedFen,
} from '../primitives';
import { Topics } from '../topics';

const topic = Topics.CONTRACT_EVENTS;

export const UnderwritingDecidedV1 = defineEvent({
  type: 'contract.underwriting-decided',
  version: 1,
  topic,
  description:
    'Underwriting decided an application: accept, accept with loading or exclusion, refer, or decline.',
  payload: z.object({
    applicationId: Id,
    policyholderId: Id,
    productCode: z.string().min(1),
    decision: z.enum(['accept', 'accept_with_loading', 'accept_with_exclusion', 'refer', 'decline']),
    loadingPercent: Percent.nullable(),
    exclusions: z.array(z.string()),
    reasons: z.array(Reason),
    decidedBy: z.string().min(1),
    decidedAt: Instant,
  }),
});

export const PolicyIssuedV1 = defineEvent({
  type: 'contract.policy-issued',
  version: 1,
  topic,
  description: 'A policy was issued after acceptance, confirmation and the first premium.',
  payload: z.object({
    policyId: Id,
    policyNumber: z.string().min(1),
    applicationId: Id,
    policyholderId: Id,
    insuredId: Id,
    payerId: Id,
    /** How the insured stands to the policyholder (added in 1.x). */
    insuredRelationship: PartyRelationship.optional(),
    /** The beneficiaries at issue (added in 1.x); empty means the statutory heirs. Endorsements change them. */
    beneficiaries: z.array(Beneficiary).optional(),
    productCode: z.string().min(1),
    productVersion: z.number().int().positive(),
    productType: ProductType,
    isLife: z.boolean(),
    sumInsuredFen: Fen,
    premiumFen: Fen,
    paymentMode: PaymentMode,
    paymentTermYears: z.number().int().min(1),
    coverageTermYears: z.number().int().min(1),
    effectiveDate: CalendarDate,
    expiryDate: CalendarDate,
    coolingOffEndsOn: CalendarDate,
    nextPremiumDueOn: CalendarDate.nullable(),
    exclusions: z.array(z.string()),
    salespersonId: z.string().min(1),
    channel: Channel,
    issuedAt: Instant,
  }),
});

export const PolicyEndorsedV1 = defineEvent({
  type: 'contract.policy-endorsed',
  version: 1,
  topic,
  description: 'A change to the policy created a new version.',
  payload: z.object({
    policyId: Id,
    policyVersion: z.number().int().positive(),
    kind: z.enum(['beneficiary', 'contact', 'payment_mode', 'sum_insured_decrease']),
    effectiveDate: CalendarDate,
    premiumEffectFen: SignedFen,
    sumInsuredFen: Fen,
    premiumFen: Fen,
    /** The beneficiaries after a `beneficiary` endorsement (added in 1.x), for claims' split of a death benefit. */
    beneficiaries: z.array(Beneficiary).optional(),
    endorsedAt: Instant,
  }),
});

export const PolicyholderChangedV1 = defineEvent({
  type: 'contract.policyholder-changed',
  version: 1,
  topic,
  description:
    'The policy passed to a new policyholder (变更投保人), who holds and pays for it from its effective date; a policy paying on death passes only with the insured’s written consent (Insurance Law Art. 34). A new version of the policy.',
  payload: z.object({
    policyId: Id,
    policyVersion: z.number().int().positive(),
    previousPolicyholderId: Id,
    policyholderId: Id,
    /** Who pays the premiums from now on: the new policyholder. */
    payerId: Id,
    /** How the insured stands to the new policyholder. */
    insuredRelationship: PartyRelationship,
    effectiveDate: CalendarDate,
    changedAt: Instant,
  }),
});

export const PolicyPledgedV1 = defineEvent({
  type: 'contract.policy-pledged',
  version: 1,
  topic,
  description:
    'The policy was pledged as security to a third party (保单质押), with the insured’s written consent where it pays on death (Insurance Law Art. 34): no surrender, withdrawal, policy loan or new policyholder until the pledge is released. A new version of the policy.',
  payload: z.object({
    policyId: Id,
    policyVersion: z.number().int().positive(),
    pledgee: z.string().min(1),
    reference: z.string().min(1),
    effectiveDate: CalendarDate,
    pledgedAt: Instant,
  }),
});

export const PolicyPledgeReleasedV1 = defineEvent({
  type: 'contract.policy-pledge-released',
  version: 1,
  topic,
  description:
    'The pledgee released the policy’s pledge; the policyholder may dispose of it again. A new version.',
  payload: z.object({
    policyId: Id,
    policyVersion: z.number().int().positive(),
    pledgee: z.string().min(1),
    reference: z.string().min(1),
    effectiveDate: CalendarDate,
    releasedAt: Instant,
  }),
});

export const PolicyWithdrawnV1 = defineEvent({
  type: 'contract.policy-withdrawn',
  version: 1,
  topic,
  description:
    'The policyholder withdrew inside the cooling-off period: full premium refunded less at most CNY 10.',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    premiumPaidFen: Fen,
    policyFeeFen: Fen.max(1000),
    refundFen: Fen,
    withdrawnOn: CalendarDate,
    issuedAt: Instant,
  }),
});

export const PolicySurrenderedV1 = defineEvent({
  type: 'contract.policy-surrendered',
  version: 1,
  topic,
  description:
    'The policy was surrendered after the cooling-off period for its cash value, due within 30 days.',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    cashValueFen: Fen,
    surrenderedOn: CalendarDate,
    refundDueOn: CalendarDate,
    /** A policy loan and its interest, deducted from the cash value (added in 1.x; absent means none). */
    loanDeductedFen: Fen.optional(),
    /** What is paid to the policyholder: the cash value less the loan (added in 1.x). */
    netPayableFen: Fen.optional(),
    /**
     * Why it ended (added in 1.x; absent means the policyholder asked): `loan_exceeds_cash_value` when the loan and
     * its interest reached the cash value and the notice period passed unpaid, the cash value settling the loan.
     */
    reason: z.enum(['policyholder_request', 'loan_exceeds_cash_value']).optional(),
  }),
});

export const PolicyLoanGrantedV1 = defineEvent({
  type: 'contract.policy-loan-granted',
  version: 1,
  topic,
  description:
    'A policy loan (保单贷款) was granted against the cash value; any loan outstanding is carried into it with its interest.',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    amountFen: Fen,
    /** What is owed after it: the new loan plus any earlier one with its interest. */
    principalFen: Fen,
    annualRatePercent: z.number().min(0),
    termMonths: z.number().int().min(1),
    periodStart: CalendarDate,
    dueOn: CalendarDate,
    cashValueFen: Fen,
    maxLoanFen: Fen,
    grantedAt: Instant,
  }),
});

export const PolicyLoanRepaidV1 = defineEvent({
  type: 'contract.policy-loan-repaid',
  version: 1,
  topic,
  description: 'A policy loan was repaid in part or in full: interest first, then principal.',
  payload: z.object({
    policyId: Id,
    amountFen: Fen,
    interestPaidFen: Fen,
    /** Principal still owed after it, from `periodStart`; 0 when the loan is cleared. */
    principalFen: Fen,
    periodStart: CalendarDate,
    repaidAt: Instant,
  }),
});

export const PolicyLoanNoticeSentV1 = defineEvent({
  type: 'contract.policy-loan-notice-sent',
  version: 1,
  topic,
  description:
    'The loan and its interest reached the cash value: the policyholder is told the policy ends on `endsOn` unless they repay.',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    loanBalanceFen: Fen,
    cashValueFen: Fen,
    endsOn: CalendarDate,
    sentAt: Instant,
  }),
});

export const SurvivalBenefitPaidV1 = defineEvent({
  type: 'contract.survival-benefit-paid',
  version: 1,
  topic,
  description:
    'A survival or maturity benefit fell due on its anniversary and was paid to the insured, less any policy loan owed.',
  payload: z.object({
    policyId: Id,
    insuredId: Id,
    kind: z.enum(['survival', 'maturity']),
    policyYear: z.number().int().min(1),
    amountFen: Fen,
    loanDeductedFen: Fen,
    paidFen: Fen,
    dueOn: CalendarDate,
    paidAt: Instant,
  }),
});

export const SurrenderRefundPaidV1 = defineEvent({
  type: 'contract.surrender-refund-paid',
  version: 1,
  topic,
  description:
    'The cash value owed on a surrender was paid to the policyholder (Insurance Law Art. 47: within 30 days).',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    amountFen: Fen,
    dueOn: CalendarDate,
    paidAt: Instant,
    /** Paid after the last day of the 30. */
    late: z.boolean(),
  }),
});

export const SurrenderRefundOverdueV1 = defineEvent({
  type: 'contract.surrender-refund-overdue',
  version: 1,
  topic,
  description:
    'The cash value owed on a surrender was not paid by the last of its 30 days (Insurance Law Art. 47).',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    amountFen: Fen,
    dueOn: CalendarDate,
    detectedAt: Instant,
  }),
});

export const PolicyLapsedV1 = defineEvent({
  type: 'contract.policy-lapsed',
  version: 1,
  topic,
  description:
    'A premium stayed unpaid past the grace period; the policy is suspended and reinstatable for 2 years.',
  payload: z.object({
    policyId: Id,
    dueOn: CalendarDate,
    graceEndedOn: CalendarDate,
    reinstatableUntil: CalendarDate,
  }),
});

export const PolicyReinstatedV1 = defineEvent({
  type: 'contract.policy-reinstated',
  version: 1,
  topic,
  description: 'A suspended policy was reinstated with arrears paid and a new health declaration.',
  payload: z.object({ policyId: Id, arrearsPaidFen: Fen, reinstatedOn: CalendarDate }),
});

export const PolicyTerminatedV1 = defineEvent({
  type: 'contract.policy-terminated',
  version: 1,
  topic,
  description: 'The policy ended.',
  payload: z.object({
    policyId: Id,
    reason: z.enum(['maturity', 'death_claim', 'limit_exhausted', 'rescission']),
    terminatedOn: CalendarDate,
  }),
});

export const PremiumPaidV1 = defineEvent({
  type: 'contract.premium-paid',
  version: 1,
  topic,
  description: 'A premium was received (first or renewal). Payer data is what AML monitoring needs.',
  payload: z.object({
    policyId: Id,
    paymentId: Id,
    amountFen: Fen,
    dueOn: CalendarDate,
    paidAt: Instant,
    method: z.enum(['cash', 'bank_transfer', 'card', 'direct_debit']),
    /**
     * A payment made in another currency than CNY (added in 1.x; absent means CNY): its ISO 4217 code and amount in
     * that currency's minor units; `amountFen` is what was booked in CNY.
     */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    currencyAmountMinor: z.number().int().positive().optional(),
    payerId: Id,
    payerType: z.enum(['individual', 'corporate']),
    payerIsPolicyholder: z.boolean(),
    isFirstPremium: z.boolean(),
    policyYear: z.number().int().min(1),
  }),
});

export const PremiumOverdueV1 = defineEvent({
  type: 'contract.premium-overdue',
  version: 1,
  topic,
  description: 'A regular premium was missed; the 60-day grace period runs.',
  payload: z.object({ policyId: Id, amountFen: Fen, dueOn: CalendarDate, graceEndsOn: CalendarDate }),
});

export const PremiumDemandNoticeSentV1 = defineEvent({
  type: 'contract.premium-demand-notice-sent',
  version: 1,
  topic,
  description:
    'The insurer demanded an overdue premium (催告, Insurance Law Art. 36): cover is suspended if it is still unpaid 30 days after the notice or 60 days after its due date, whichever comes first.',
  payload: z.object({
    policyId: Id,
    policyholderId: Id,
    amountFen: Fen,
    dueOn: CalendarDate,
    noticeOn: CalendarDate,
    graceEndsOn: CalendarDate,
    sentBy: z.string().min(1),
    sentAt: Instant,
  }),
});

export const DocumentIntegrityFailedV1 = defineEvent({
  type: 'contract.document-integrity-failed',
  version: 1,
  topic,
  description: 'An archived policy document no longer matches the SHA-256 recorded when it was archived.',
  payload: z.object({
    policyId: Id,
    documentId: Id,
    kind: z.string().min(1),
    expectedSha256: z.string().regex(/^[0-9a-f]{64}$/),
    actualSha256: z.string().regex(/^[0-9a-f]{64}$/),
    detectedAt: Instant,
  }),
});
