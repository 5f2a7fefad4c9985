import { z } from 'zod';
import { defineEvent } from '../define';
import { CalendarDate, CauseOfDeath, ClaimType, Fen, Id, Instant, Percent, Reason } from '../primitives';
import { Topics } from '../topics';

const topic = Topics.CLAIMS_EVENTS;

export const ClaimReportedV1 = defineEvent({
  type: 'claims.claim-reported',
  version: 1,
  topic,
  description: 'First notice of a claim that passed the intake checks.',
  payload: z.object({
    claimId: Id,
    policyId: Id,
    insuredId: Id,
    productCode: z.string().min(1),
    claimType: ClaimType,
    eventDate: CalendarDate,
    /** For a death claim, the cause given (added in 1.x). */
    causeOfDeath: CauseOfDeath.optional(),
    amountClaimedFen: Fen,
    reportedAt: Instant,
  }),
});

export const ClaimDocumentsRequestedV1 = defineEvent({
  type: 'claims.documents-requested',
  version: 1,
  topic,
  description: 'One notice listing every missing document (Insurance Law Art. 22).',
  payload: z.object({ claimId: Id, missing: z.array(z.string()).min(1), requestedAt: Instant }),
});

export const ClaimDocumentsCompletedV1 = defineEvent({
  type: 'claims.documents-completed',
  version: 1,
  topic,
  description: 'All documents are in; the 30-day decision period (Art. 23) starts.',
  payload: z.object({ claimId: Id, completedAt: Instant, decisionDueOn: CalendarDate }),
});

export const ClaimAssessedV1 = defineEvent({
  type: 'claims.claim-assessed',
  version: 1,
  topic,
  description: 'The payable amount and the fraud score were computed.',
  payload: z.object({
    claimId: Id,
    payableFen: Fen,
    fraudScore: z.number().int().min(0).max(100),
    referredToInvestigation: z.boolean(),
    assessedBy: z.string().min(1),
    assessedAt: Instant,
  }),
});

export const ClaimApprovedV1 = defineEvent({
  type: 'claims.claim-approved',
  version: 1,
  topic,
  description: 'The claim was approved by an approver with enough authority; payment is due within 10 days.',
  payload: z.object({
    claimId: Id,
    policyId: Id,
    approvedFen: Fen,
    approvedBy: z.string().min(1),
    authorityLevel: z.enum(['handler', 'manager', 'director']),
    decidedAt: Instant,
    paymentDueOn: CalendarDate,
    /**
     * A death benefit split among the beneficiaries by their shares (Art. 40), to the fen; one line for the statutory
     * heirs when none is named (Art. 42). Added in 1.x; absent for other claims.
     */
    beneficiaryShares: z
      .array(
        z.object({
          name: z.string().min(1),
          customerId: Id.nullable(),
          sharePercent: Percent,
          amountFen: Fen,
        }),
      )
      .optional(),
  }),
});

export const ClaimRejectedV1 = defineEvent({
  type: 'claims.claim-rejected',
  version: 1,
  topic,
  description: 'The claim was rejected; a notice with reasons is due within 3 days (Art. 24).',
  payload: z.object({
    claimId: Id,
    policyId: Id,
    reasons: z.array(Reason).min(1),
    decidedAt: Instant,
    noticeDueOn: CalendarDate,
    noticeSentAt: Instant.nullable(),
  }),
});

export const ClaimPaidV1 = defineEvent({
  type: 'claims.claim-paid',
  version: 1,
  topic,
  description: 'Payment of the claim was confirmed.',
  payload: z.object({
    claimId: Id,
    policyId: Id,
    insuredId: Id,
    /**
     * The policy's policyholder (added in 1.9.0; events paid before carry none): after a death claim the one asked
     * about the service, since the insured cannot answer.
     */
    policyholderId: Id.optional(),
    productCode: z.string().min(1),
    claimType: ClaimType,
    amountFen: Fen,
    advance: z.boolean(),
    payeeIsInsuredOrBeneficiary: z.boolean(),
    reportedAt: Instant,
    paidAt: Instant,
    terminatesPolicy: z.boolean(),
  }),
});

export const ClaimReopenedV1 = defineEvent({
  type: 'claims.claim-reopened',
  version: 1,
  topic,
  description: 'A decided claim was reopened on appeal or new documents.',
  payload: z.object({ claimId: Id, reason: z.string().min(1), reopenedAt: Instant }),
});

export const ClaimDeadlineBreachedV1 = defineEvent({
  type: 'claims.deadline-breached',
  version: 1,
  topic,
  description: 'A statutory claim deadline passed (Art. 23, 24, 25).',
  payload: z.object({
    claimId: Id,
    timer: z.enum(['decision', 'rejection_notice', 'payment', 'advance_payment']),
    dueOn: CalendarDate,
    breachedAt: Instant,
  }),
});

export const ClaimTimer = z.enum(['decision', 'rejection_notice', 'payment', 'advance_payment']);

export const ClaimDeadlineWarningV1 = defineEvent({
  type: 'claims.deadline-warning',
  version: 1,
  topic,
  description: 'A statutory claim deadline is close and the claim has not met it yet.',
  payload: z.object({ claimId: Id, timer: ClaimTimer, dueOn: CalendarDate, warnedAt: Instant }),
});

export const RejectionNoticeSentV1 = defineEvent({
  type: 'claims.rejection-notice-sent',
  version: 1,
  topic,
  description: 'The claimant was sent the rejection notice with its reasons (Art. 24).',
  payload: z.object({
    claimId: Id,
    reasons: z.array(Reason).min(1),
    sentAt: Instant,
    withinDeadline: z.boolean(),
  }),
});
