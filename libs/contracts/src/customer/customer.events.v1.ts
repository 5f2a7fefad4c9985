import { z } from 'zod';
import { defineEvent } from '../define';
import {
  CalendarDate,
  Channel,
  Fen,
  Gender,
  Id,
  Instant,
  OccupationClass,
  Reason,
  RiskLevel,
} from '../primitives';
import { Topics } from '../topics';

const topic = Topics.CUSTOMER_EVENTS;

/**
 * What other services may know of a customer: enough to rate, check suitability and underwrite. Never the name, the
 * ID number, health details or bank accounts (PIPL minimum necessary); those stay in customer-svc, encrypted.
 */
export const CustomerFacts = z.object({
  customerType: z.enum(['individual', 'corporate']),
  gender: Gender.optional(),
  birthDate: CalendarDate.optional(),
  occupationClass: OccupationClass.optional(),
  annualIncomeFen: Fen.optional(),
  householdIncomeFen: Fen.optional(),
  existingCoverFen: Fen.optional(),
  dependants: z.number().int().min(0).optional(),
});

export const CustomerRegisteredV1 = defineEvent({
  type: 'customer.customer-registered',
  version: 1,
  topic,
  description: 'A customer was registered with KYC data collected for a declared purpose.',
  payload: CustomerFacts.extend({
    customerId: Id,
    channel: Channel.optional(),
    agentId: z.string().optional(),
    registeredAt: Instant,
  }),
});

export const CustomerProfileUpdatedV1 = defineEvent({
  type: 'customer.profile-updated',
  version: 1,
  topic,
  description:
    'A new version of the customer profile: which fields changed, why, and the new shareable facts.',
  payload: z.object({
    customerId: Id,
    profileVersion: z.number().int().positive(),
    changedFields: z.array(z.string()).min(1),
    reason: z.string().min(1),
    facts: CustomerFacts.partial(),
    updatedAt: Instant,
  }),
});

export const IdentityVerifiedV1 = defineEvent({
  type: 'customer.identity-verified',
  version: 1,
  topic,
  description:
    'The ID number, the contact (one-time code) and the declared data were confirmed before contract.',
  payload: z.object({ customerId: Id, checks: z.array(z.string()).min(1), verifiedAt: Instant }),
});

export const IdentityRejectedV1 = defineEvent({
  type: 'customer.identity-rejected',
  version: 1,
  topic,
  description: 'Identity confirmation failed, with the reasons.',
  payload: z.object({ customerId: Id, reasons: z.array(Reason).min(1), rejectedAt: Instant }),
});

export const ConsentPurpose = z.enum([
  'quotation',
  'underwriting',
  'claims',
  'service',
  'marketing',
  'health_data',
]);

export const ConsentGrantedV1 = defineEvent({
  type: 'customer.consent-granted',
  version: 1,
  topic,
  description: 'The customer consented to processing for a purpose under a notice version.',
  payload: z.object({
    customerId: Id,
    consentId: Id,
    purpose: ConsentPurpose,
    noticeVersion: z.string().min(1),
    channel: z.string().min(1),
    grantedAt: Instant,
  }),
});

export const ConsentWithdrawnV1 = defineEvent({
  type: 'customer.consent-withdrawn',
  version: 1,
  topic,
  description: 'A consent was withdrawn; processing for that purpose stops at once.',
  payload: z.object({ customerId: Id, consentId: Id, purpose: ConsentPurpose, withdrawnAt: Instant }),
});

/**
 * Version 2 adds the separate consents for sensitive kinds, `id_number` and `bank_account` (PIPL Art. 29), which
 * version 1's purposes cannot carry. customer-svc publishes version 2 of every consent, and version 1 as well for a
 * purpose version 1 knows, until its consumers have moved.
 */
export const ConsentPurposeV2 = z.enum([...ConsentPurpose.options, 'id_number', 'bank_account']);

export const ConsentGrantedV2 = defineEvent({
  type: 'customer.consent-granted',
  version: 2,
  topic,
  description:
    'The customer consented to processing for a purpose under a notice version; sensitive kinds (health_data, id_number, bank_account) each by a separate consent.',
  payload: z.object({
    customerId: Id,
    consentId: Id,
    purpose: ConsentPurposeV2,
    noticeVersion: z.string().min(1),
    channel: z.string().min(1),
    grantedAt: Instant,
  }),
});

export const ConsentWithdrawnV2 = defineEvent({
  type: 'customer.consent-withdrawn',
  version: 2,
  topic,
  description:
    'A consent was withdrawn; processing for that purpose stops at once (a withdrawn bank_account consent removes the account).',
  payload: z.object({ customerId: Id, consentId: Id, purpose: ConsentPurposeV2, withdrawnAt: Instant }),
});

export const CustomerErasedV1 = defineEvent({
  type: 'customer.customer-erased',
  version: 1,
  topic,
  description: 'The customer was erased (crypto-shredded); replicas must drop what they hold about them.',
  payload: z.object({ customerId: Id, retainedForPolicies: z.boolean(), erasedAt: Instant }),
});

export const CustomerProcessingRestrictedV1 = defineEvent({
  type: 'customer.processing-restricted',
  version: 1,
  topic,
  description:
    'The customer asked for erasure while a law requires keeping their records (Insurance Law Art. 87, AML record keeping): ' +
    'all processing but storage stops (PIPL Art. 47) until retainedUntil, when customer.customer-erased follows. ' +
    'Replicas stop using what they hold about the customer.',
  payload: z.object({
    customerId: Id,
    restrictedAt: Instant,
    /** The day the last retention period ends and the data is shredded; null while a policy runs. */
    retainedUntil: CalendarDate.nullable(),
    grounds: z.array(
      z.object({ rule: z.string().min(1), source: z.string().min(1), until: CalendarDate.nullable() }),
    ),
  }),
});

export const RiskToleranceAssessedV1 = defineEvent({
  type: 'customer.risk-tolerance-assessed',
  version: 1,
  topic,
  description: 'A risk-tolerance questionnaire was scored to a level, valid for 12 months.',
  payload: z.object({
    customerId: Id,
    assessmentId: Id,
    level: RiskLevel,
    score: z.number().int().min(0),
    assessedAt: Instant,
    validUntil: CalendarDate,
  }),
});

export const PersonalDataAccessedV1 = defineEvent({
  type: 'customer.personal-data-accessed',
  version: 1,
  topic,
  description: 'Someone read sensitive personal data unmasked; recorded for the audit trail.',
  payload: z.object({
    customerId: Id,
    fields: z.array(z.string()).min(1),
    purpose: z.string().min(1),
    actor: z.string().min(1),
    accessedAt: Instant,
  }),
});

export const ComplaintOpenedV1 = defineEvent({
  type: 'customer.complaint-opened',
  version: 1,
  topic,
  description: 'A complaint was opened; it must be answered within 15 days (CBIRC Order 2020 No. 3).',
  payload: z.object({
    ticketId: Id,
    customerId: Id,
    policyId: Id.optional(),
    salespersonId: z.string().optional(),
    category: z.string().min(1),
    openedAt: Instant,
    dueOn: CalendarDate,
  }),
});

export const ComplaintDeadlineExtendedV1 = defineEvent({
  type: 'customer.complaint-deadline-extended',
  version: 1,
  topic,
  description:
    'A complex complaint got more time: to 30 days, then at most a further 30 with a manager approving (CBIRC Order 2020 No. 3).',
  payload: z.object({
    ticketId: Id,
    customerId: Id,
    stage: z.enum(['extended', 'further_extended']),
    previousDueOn: CalendarDate,
    dueOn: CalendarDate,
    reason: z.string().min(1),
    approvedBy: z.string().min(1).nullable(),
    extendedAt: Instant,
  }),
});

export const ComplaintResolvedV1 = defineEvent({
  type: 'customer.complaint-resolved',
  version: 1,
  topic,
  description: 'A complaint was answered and closed.',
  payload: z.object({
    ticketId: Id,
    customerId: Id,
    resolvedAt: Instant,
    dueOn: CalendarDate,
    withinDeadline: z.boolean(),
  }),
});

export const ComplaintDeadlineBreachedV1 = defineEvent({
  type: 'customer.complaint-deadline-breached',
  version: 1,
  topic,
  description: 'A complaint passed its answer deadline unanswered.',
  payload: z.object({ ticketId: Id, customerId: Id, dueOn: CalendarDate, breachedAt: Instant }),
});

const SurveyTrigger = z.enum(['policy_issued', 'claim_paid', 'ticket']);

export const SurveySentV1 = defineEvent({
  type: 'customer.survey-sent',
  version: 1,
  topic,
  description:
    'A satisfaction survey was sent to a customer after a policy issue, a claim payment or a ticket.',
  payload: z.object({
    surveyId: Id,
    customerId: Id,
    trigger: SurveyTrigger,
    policyId: Id.optional(),
    claimId: Id.optional(),
    ticketId: Id.optional(),
    sentAt: Instant,
  }),
});

export const SurveyAnsweredV1 = defineEvent({
  type: 'customer.survey-answered',
  version: 1,
  topic,
  description: 'A satisfaction survey was answered (CSAT 1-5, NPS 0-10).',
  payload: z.object({
    surveyId: Id,
    customerId: Id,
    trigger: SurveyTrigger,
    policyId: Id.optional(),
    claimId: Id.optional(),
    productCode: z.string().optional(),
    salespersonId: z.string().optional(),
    csat: z.number().int().min(1).max(5),
    nps: z.number().int().min(0).max(10),
    answeredAt: Instant,
  }),
});
