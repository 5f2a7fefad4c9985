import { z } from 'zod';
import { defineCommand, defineEvent } from '../define';
import {
  CalendarDate,
  CauseOfDeath,
  Channel,
  ClaimType,
  Fen,
  Gender,
  Id,
  Instant,
  OccupationClass,
  Reason,
} from '../primitives';
import { Beneficiary, DualRecording } from '../sales/sales.events.v1';
import { Topics } from '../topics';

/** Personal data an integrator sends to customer-svc, the one service allowed to hold it. */
const CustomerDetails = z.object({
  purpose: z.enum(['quotation', 'underwriting', 'claims', 'service', 'marketing']),
  name: z.string().min(1).max(100),
  idType: z.enum(['resident_id', 'passport', 'uscc']),
  idNumber: z.string().min(1).max(40),
  gender: Gender.optional(),
  birthDate: CalendarDate.optional(),
  mobile: z.string().optional(),
  email: z.email().optional(),
  occupationClass: OccupationClass.optional(),
  address: z.string().min(1).max(200).optional(),
  occupation: z.string().min(1).max(100).optional(),
  annualIncomeFen: Fen.optional(),
  householdIncomeFen: Fen.optional(),
  existingCoverFen: Fen.optional(),
  dependants: z.number().int().min(0).max(20).optional(),
  purchaseIntent: z.string().min(1).max(500).optional(),
});

export const RegisterCustomerV1 = defineCommand({
  type: 'customer.register-customer',
  version: 1,
  topic: Topics.CUSTOMER_COMMANDS,
  description: 'An integrator registers a customer.',
  resultEvent: 'customer.customer-registered',
  payload: CustomerDetails.extend({ channel: Channel, agentId: z.string().optional() }),
});

export const UpdateCustomerV1 = defineCommand({
  type: 'customer.update-customer',
  version: 1,
  topic: Topics.CUSTOMER_COMMANDS,
  description: "An integrator corrects a customer's data, with the version it read (optimistic concurrency).",
  resultEvent: 'customer.profile-updated',
  payload: z.object({
    customerId: Id,
    expectedVersion: z.number().int().positive(),
    reason: z.string().min(1),
    changes: CustomerDetails.omit({ idType: true, idNumber: true })
      .partial()
      .extend({ purpose: CustomerDetails.shape.purpose }),
  }),
});

export const SubmitApplicationV1 = defineCommand({
  type: 'sales.submit-application',
  version: 1,
  topic: Topics.SALES_COMMANDS,
  description: 'A sales platform submits an application from a valid quote.',
  resultEvent: 'sales.application-submitted',
  payload: z.object({
    quoteId: Id,
    /** The applicant who signs; defaults to the customer the quote was made to, and must be that customer. */
    policyholderId: Id.optional(),
    /** The insured the quote was rated for. */
    insuredId: Id,
    /** Who pays the premiums, a registered customer; `self` means the policyholder pays. */
    payerId: Id,
    /** How the payer stands to the policyholder. */
    payerRelationship: z.enum(['self', 'spouse', 'parent', 'child', 'employer', 'other']),
    salespersonId: z.string().min(1),
    healthAnswers: z.array(
      z.object({ questionId: z.string().min(1), answer: z.boolean(), details: z.string().optional() }),
    ),
    heightCm: z.number().positive().optional(),
    weightKg: z.number().positive().optional(),
    beneficiaries: z.array(Beneficiary),
    signature: z.object({ signedBy: Id, signedAt: Instant, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    dualRecording: DualRecording.optional(),
  }),
});

export const ReportClaimV1 = defineCommand({
  type: 'claims.report-claim',
  version: 1,
  topic: Topics.CLAIMS_COMMANDS,
  description: 'A claim administrator reports a claim (first notice).',
  resultEvent: 'claims.claim-reported',
  payload: z.object({
    policyId: Id,
    insuredId: Id,
    claimType: ClaimType,
    eventDate: CalendarDate,
    /** For a death claim, the cause the death certificate gives (added in 1.x): Art. 44 excludes early suicide. */
    causeOfDeath: CauseOfDeath.optional(),
    description: z.string().min(1).max(4000),
    amountClaimedFen: Fen,
    payee: z.object({
      name: z.string().min(1),
      bankAccount: z.string().min(8).max(34),
      relationship: z.string().min(1),
    }),
  }),
});

export const SubmitClaimDocumentsV1 = defineCommand({
  type: 'claims.submit-claim-documents',
  version: 1,
  topic: Topics.CLAIMS_COMMANDS,
  description: 'A claim administrator submits documents for a claim.',
  resultEvent: 'claims.documents-completed',
  payload: z.object({
    claimId: Id,
    documents: z
      .array(
        z.object({
          kind: z.string().min(1),
          reference: z.string().min(1),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
        }),
      )
      .min(1),
  }),
});

const CommandRejectedPayload = z.object({
  /** The command's id; for a command that could not be parsed, the best id that could be recovered (see identifiedBy). */
  commandId: z.string().min(1),
  /**
   * Where commandId came from (added in 1.x): the command itself, the Kafka message key, a commandId or eventId read in
   * the raw bytes, or nowhere (a new `unidentified-<uuid>`, which the integrator cannot match).
   */
  identifiedBy: z.enum(['commandId', 'messageKey', 'bytes', 'none']).optional(),
  commandType: z.string().min(1),
  issuer: z.string().nullable(),
  reasons: z.array(Reason).min(1),
  rejectedAt: Instant,
});

/** The answer to a command that was malformed or refused. */
export const CustomerCommandRejectedV1 = defineEvent({
  type: 'customer.command-rejected',
  version: 1,
  topic: Topics.CUSTOMER_EVENTS,
  description: 'A command on customer.commands.v1 was malformed or refused.',
  payload: CommandRejectedPayload,
});

export const SalesCommandRejectedV1 = defineEvent({
  type: 'sales.command-rejected',
  version: 1,
  topic: Topics.SALES_EVENTS,
  description: 'A command on sales.commands.v1 was malformed or refused.',
  payload: CommandRejectedPayload,
});

export const ClaimsCommandRejectedV1 = defineEvent({
  type: 'claims.command-rejected',
  version: 1,
  topic: Topics.CLAIMS_EVENTS,
  description: 'A command on claims.commands.v1 was malformed or refused.',
  payload: CommandRejectedPayload,
});
