import { z } from 'zod';

/** Identifiers are RFC 9562 UUIDs. */
export const Id = z.uuid();
/** Money is CNY in integer fen (1 yuan = 100 fen), never a float. */
export const Fen = z.number().int().nonnegative();
/** A signed amount in fen, for premium effects that can be refunds. */
export const SignedFen = z.number().int();
/** A calendar date (Asia/Shanghai) as YYYY-MM-DD: legal periods count calendar days in China Standard Time. */
export const CalendarDate = z.iso.date();
/** An instant, stored and sent in UTC with an offset. */
export const Instant = z.iso.datetime({ offset: true });

export const Gender = z.enum(['male', 'female']);
/** Customer risk tolerance levels (NFRA Order 2025 No. 7: at least five). */
export const RiskLevel = z.enum(['C1', 'C2', 'C3', 'C4', 'C5']);
/** Product risk grades matched against RiskLevel. */
export const ProductRiskGrade = z.enum(['R1', 'R2', 'R3', 'R4', 'R5']);
export const Channel = z.enum(['agent', 'bank', 'telesales', 'online', 'broker']);
/**
 * How the insured stands to the policyholder (Insurance Law Art. 31): `child` means the insured is the policyholder's
 * child; `close_relative` covers grandparents, grandchildren and siblings; `other` has an interest only by consent.
 */
export const PartyRelationship = z.enum([
  'self',
  'spouse',
  'child',
  'parent',
  'close_relative',
  'employee',
  'other',
]);
export type PartyRelationship = z.infer<typeof PartyRelationship>;
/**
 * The relationships that are an insurable interest by themselves (Insurance Law Art. 31): the policyholder in
 * themself, their spouse, children, parents and close relatives, and their employees. Anyone else is insured only
 * with the insured's consent; read when a policy is sold (sales) and when it passes to a new policyholder (contract).
 */
export const INSURABLE_INTEREST: ReadonlySet<PartyRelationship> = new Set<PartyRelationship>([
  'self',
  'spouse',
  'child',
  'parent',
  'close_relative',
  'employee',
]);
/**
 * Civil capacity by age (Civil Code Arts. 17-20): full at 18, none below 8. Read when a policy is sold (sales: the
 * policyholder, death cover on a child) and when it changes hands or beneficiaries (contract).
 */
export const ADULT_AGE = 18;
export const CIVIL_CAPACITY_AGE = 8;
/** The insured's signed consent to a contract on their life and to its sum (Art. 34), or to be insured at all (Art. 31). */
export const InsuredConsent = z.object({
  signedAt: z.iso.datetime({ offset: true }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export const PaymentMode = z.enum(['single', 'annual', 'semi_annual', 'quarterly', 'monthly']);
export const ProductType = z.enum([
  'term_life',
  'whole_life',
  'critical_illness',
  'medical',
  'accident',
  'annuity',
  'unit_linked',
]);
export const ClaimType = z.enum([
  'death',
  'critical_illness',
  'hospitalisation',
  'accident_disability',
  'outpatient',
]);
/** What the death certificate gives as the cause; Art. 44 reads `suicide`. */
export const CauseOfDeath = z.enum(['illness', 'accident', 'suicide', 'undetermined']);
export const OccupationClass = z.number().int().min(1).max(6);
export const Percent = z.number().min(0).max(100);

/**
 * A reason given with a refusal or a decision: a stable code, words for people (English), where the rule comes from,
 * and (added in 1.7) the values its texts are filled with: a registered code's Chinese and English texts are in
 * `RULE_TEXTS`, so a consumer words the reason in its reader's language.
 */
export const Reason = z.object({
  code: z.string().min(1),
  message: z.string().min(1),
  source: z.string().optional(),
  pointer: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type Reason = z.infer<typeof Reason>;

/**
 * A named beneficiary (受益人) and their share of the death benefit (Insurance Law Art. 40). An empty list means the
 * statutory heirs (Art. 42). `customerId` (added in 1.x) names a registered customer, whom claims can pay.
 */
export const Beneficiary = z.object({
  name: z.string().min(1),
  relationship: z.string().min(1),
  sharePercent: Percent,
  customerId: Id.optional(),
});

/**
 * A beneficiary's relationships to the insured that are the insured themself or a close relative (Civil Code Art.
 * 1045): all an employer insuring an employee may name (Insurance Law Art. 39), when the beneficiaries are first
 * named (sales) and when they are changed (contract).
 */
export const INSURED_OR_CLOSE_RELATIVE: ReadonlySet<string> = new Set([
  'self',
  'insured',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandparent',
  'grandchild',
  'close_relative',
]);
