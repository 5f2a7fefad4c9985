import type { CommandPayload, EventPayload } from '@insurer/contracts';
import { addYears, shanghaiDate } from '@insurer/platform-time';
import type { Reason } from '../../regulation/domain/sources';
import { isQuoteExpired } from '../../quote/domain/quote-validity';
import type { QuoteState } from '../../quote/domain/quote';
import type { CustomerFacts } from '../../suitability/domain/sale';
import { SaleRefusedError } from '../../suitability/domain/sale.errors';
import type { SuitabilityResult } from '../../suitability/domain/suitability';
import { checkRatingAge, lastDayOfAge, type SaleParties } from '../../suitability/domain/parties';
import {
  bmi,
  checkBeneficiaries,
  checkBeneficiaryNaming,
  checkHealthAnswers,
  checkPayer,
  checkSignature,
} from './application-rules';
import { checkRecording, recordingRetentionYears } from './dual-recording';

/**
 * The application (投保单) made from a valid quote. Everything the sales-conduct rules require is checked again here,
 * on the parties' current facts: the insured's rating age, suitability on the policyholder, the policyholder's own
 * signature, specific health answers about the insured, beneficiaries and, where required, the recording of the sale. All refusals are reported together. No I/O.
 */

export type SubmitApplicationInput = CommandPayload<'sales.submit-application'>;

export interface ApplicationState {
  readonly applicationId: string;
  readonly quoteId: string;
  readonly policyholderId: string;
  readonly insuredId: string;
  readonly payerId: string;
  readonly payerRelationship: string;
  readonly salespersonId: string;
  readonly healthAnswers: { questionId: string; answer: boolean; details?: string }[];
  readonly heightCm: string | null;
  readonly weightKg: string | null;
  readonly beneficiaries: { name: string; relationship: string; sharePercent: number }[];
  readonly signature: { signedBy: string; signedAt: string; sha256: string };
  readonly dualRecording: {
    reference: string;
    sha256: string;
    durationSeconds: number;
    checklist: string[];
  } | null;
  readonly recordingRetainedUntil: string | null;
  readonly status: 'submitted' | 'issued' | 'declined' | 'withdrawn';
  readonly submittedAt: Date;
}

function refused(reasons: readonly Reason[], extensions: Record<string, unknown> = {}): SaleRefusedError {
  return new SaleRefusedError(
    'SALES.APPLICATION_REFUSED',
    'the application cannot be accepted',
    reasons,
    extensions,
  );
}

/** The quote must still be valid and be for these parties and this salesperson. */
export function assertQuoteFits(
  quote: Pick<QuoteState, 'validUntil' | 'customerId' | 'insuredId' | 'salespersonId'>,
  input: Pick<SubmitApplicationInput, 'insuredId' | 'policyholderId' | 'salespersonId'>,
  now: Date,
): void {
  const reasons: Reason[] = [];
  if (isQuoteExpired(quote.validUntil, now))
    reasons.push({
      code: 'QUOTE.EXPIRED',
      message: `the quote expired on ${quote.validUntil}; quote again`,
      params: { validUntil: quote.validUntil },
      pointer: '/quoteId',
    });
  if (input.insuredId !== quote.insuredId)
    reasons.push({
      code: 'SALES.INSURED_NOT_QUOTED',
      message: 'the insured is not the person the quote was rated for',
      pointer: '/insuredId',
    });
  if (input.policyholderId !== undefined && input.policyholderId !== quote.customerId)
    reasons.push({
      code: 'SALES.POLICYHOLDER_NOT_QUOTED',
      message: 'the policyholder is not the customer the quote was made to',
      pointer: '/policyholderId',
    });
  if (input.salespersonId !== quote.salespersonId)
    reasons.push({
      code: 'SALES.SALESPERSON_NOT_QUOTED',
      message: 'the salesperson is not the one who quoted',
      pointer: '/salespersonId',
    });
  if (reasons.length) throw refused(reasons);
}

/** What the submission is judged on besides the input: the quote, the product, the parties and the suitability. */
export interface SubmissionFacts {
  readonly quote: QuoteState;
  readonly product: {
    type: string;
    isLife: boolean;
    dualRecordingRequired: boolean;
    riskGrade: EventPayload<'sales.application-submitted'>['productRiskGrade'];
  };
  /** The life covered, with what underwriting reads. */
  readonly insured: CustomerFacts & {
    birthDate: string;
    gender: 'male' | 'female';
    occupationClass: number;
    identityVerified: boolean;
  };
  /** The insured's completed age on the effective date. */
  readonly entryAge: number;
  readonly effectiveDate: string;
  /** The buyer: their facts go to underwriting for affordability, their age decides dual recording. */
  readonly policyholder: CustomerFacts;
  readonly policyholderAge: number;
  readonly parties: SaleParties;
  /** False when the named payer is not a customer sales knows. */
  readonly payerKnown: boolean;
  readonly suitability: SuitabilityResult;
  readonly suitabilityRefused: boolean;
  /** The salesperson's standing the submission was allowed on, carried by the event. */
  readonly salespersonStanding: NonNullable<
    EventPayload<'sales.application-submitted'>['salespersonStanding']
  >;
}

/** Every rule at once; accepted, the application with its recording retention and the event underwriting reads. */
export function submitApplication(
  applicationId: string,
  input: SubmitApplicationInput,
  facts: SubmissionFacts,
  now: Date,
): { state: ApplicationState; event: EventPayload<'sales.application-submitted'> } {
  const { quote, product, insured, policyholder } = facts;
  const policyholderId = quote.customerId;
  const sale = {
    productType: product.type,
    isLife: product.isLife,
    productRequiresRecording: product.dualRecordingRequired,
    // Dual recording at 60+ protects the buyer: the policyholder's age, not the insured's.
    buyerAge: facts.policyholderAge,
    coverageTermYears: quote.coverageTermYears,
    channel: quote.channel,
  };
  const reasons: Reason[] = [
    ...checkRatingAge(quote.entryAge, insured.birthDate, facts.entryAge, facts.effectiveDate),
    ...(facts.suitabilityRefused ? [...facts.suitability.hard, ...facts.suitability.soft] : []),
    ...checkPayer(policyholderId, input.payerId, input.payerRelationship, facts.payerKnown),
    ...checkSignature(input.signature.signedBy, policyholderId, input.salespersonId),
    ...checkHealthAnswers(product.type, input.healthAnswers),
    ...checkBeneficiaries(input.beneficiaries),
    ...checkBeneficiaryNaming(facts.parties, input.beneficiaries),
    ...checkRecording(sale, input.dualRecording),
  ];
  if (reasons.length)
    throw refused(reasons, { outcome: facts.suitabilityRefused ? facts.suitability.outcome : undefined });
  const state: ApplicationState = {
    applicationId,
    quoteId: quote.quoteId,
    policyholderId,
    insuredId: input.insuredId,
    payerId: input.payerId,
    payerRelationship: input.payerRelationship,
    salespersonId: input.salespersonId,
    healthAnswers: input.healthAnswers,
    heightCm: input.heightCm === undefined ? null : String(input.heightCm),
    weightKg: input.weightKg === undefined ? null : String(input.weightKg),
    beneficiaries: input.beneficiaries,
    signature: input.signature,
    dualRecording: input.dualRecording ?? null,
    recordingRetainedUntil: input.dualRecording
      ? addYears(
          shanghaiDate(now),
          recordingRetentionYears(quote.coverageTermYears) + quote.coverageTermYears,
        )
      : null,
    status: 'submitted',
    submittedAt: now,
  };
  return {
    state,
    event: {
      applicationId,
      quoteId: quote.quoteId,
      policyholderId,
      insuredId: input.insuredId,
      payerId: input.payerId,
      payerRelationship: input.payerRelationship,
      insuredRelationship: facts.parties.relationship,
      insuredConsent: quote.insuredConsent,
      policyholderAge: facts.policyholderAge,
      productCode: quote.productCode,
      productVersion: quote.productVersion,
      productRiskGrade: product.riskGrade,
      sumInsuredFen: quote.sumInsuredFen,
      premiumFen: quote.premiumFen,
      paymentMode: quote.paymentMode,
      paymentTermYears: quote.paymentTermYears,
      coverageTermYears: quote.coverageTermYears,
      insuredAge: facts.entryAge,
      ratingAgeValidUntil: lastDayOfAge(insured.birthDate, facts.entryAge),
      insuredGender: insured.gender,
      occupationClass: insured.occupationClass,
      // Affordability is the buyer's: the policyholder's income.
      annualIncomeFen: policyholder.annualIncomeFen ?? 0,
      bmi: bmi(input.heightCm, input.weightKg),
      declaredConditions: input.healthAnswers.filter((a) => a.answer).map((a) => a.questionId),
      identityVerified: insured.identityVerified,
      customerRiskLevel:
        policyholder.riskLevel as EventPayload<'sales.application-submitted'>['customerRiskLevel'],
      riskLevelValidUntil: policyholder.riskValidUntil,
      // The recording is required whatever was submitted: checked against no recording at all.
      dualRecordingRequired: checkRecording(sale, null).length > 0,
      dualRecording: input.dualRecording ?? null,
      beneficiaries: input.beneficiaries,
      salespersonId: input.salespersonId,
      salespersonStanding: facts.salespersonStanding,
      channel: quote.channel,
      submittedAt: now.toISOString(),
    },
  };
}
