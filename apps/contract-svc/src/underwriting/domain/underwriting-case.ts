import type { EventPayload } from '@insurer/contracts';
import { underwrite, type UnderwritingOutcome, type UnderwritingReason } from './auto-underwriting';
import { UnderwritingAssignedError, UnderwritingClosedError } from './underwriting.errors';

/**
 * The underwriting case (manual 3.2): every application is decided by the automatic rules or referred to the manual
 * queue, where an underwriter takes it and decides with reasons; a decision opens the offer (or declines it). Every
 * decision, referral included, is announced. No I/O.
 */

export type SubmittedApplication = EventPayload<'sales.application-submitted'>;
export type FinalDecision = 'accept' | 'accept_with_loading' | 'accept_with_exclusion' | 'decline';

export interface CaseState {
  readonly applicationId: string;
  readonly application: SubmittedApplication;
  readonly status: 'referred' | 'assigned' | 'decided';
  readonly decision: FinalDecision | null;
  readonly loadingPercent: number | null;
  readonly exclusions: string[];
  readonly reasons: { code: string; message: string }[];
  readonly autoReasons: { code: string; message: string }[];
  readonly assignee: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly offerStatus: 'awaiting' | 'issued' | 'declined' | null;
  readonly offerPremiumFen: number | null;
  readonly confirmation: null | { signedBy: string; signedAt: string; sha256: string };
  readonly firstPayment: null | {
    paymentId: string;
    amountFen: number;
    paidAt: string;
    method: 'cash' | 'bank_transfer' | 'card' | 'direct_debit';
    payerId: string;
    payerType: 'individual' | 'corporate';
    currency?: string;
    currencyAmountMinor?: number;
  };
  readonly createdAt: Date;
}

export interface CaseDecided {
  readonly state: CaseState;
  readonly event: EventPayload<'contract.underwriting-decided'>;
}

export interface ManualDecision {
  readonly decision: FinalDecision;
  readonly loadingPercent?: number;
  readonly exclusions?: string[];
  readonly reasons: UnderwritingReason[];
}

/** The product terms the automatic rules read. */
export interface ProductForUnderwriting {
  readonly type: string;
  readonly isLife: boolean;
  readonly entryAge: { min: number; max: number };
  readonly occupationClasses: readonly number[];
  readonly maxSumInsuredIncomeMultiple?: number;
}

/** The offer premium with a loading, rounded half up to the fen. */
export function loadedPremium(premiumFen: number, loadingPercent: number | null): number {
  if (!loadingPercent) return premiumFen;
  return Math.round((premiumFen * (100 + loadingPercent)) / 100);
}

/** The automatic rules' outcome; without the product's terms the case goes to an underwriter. */
export function automaticOutcome(
  application: SubmittedApplication,
  product: ProductForUnderwriting | null,
): UnderwritingOutcome {
  if (!product)
    return {
      decision: 'refer',
      loadingPercent: null,
      exclusions: [],
      reasons: [
        {
          code: 'UW.PRODUCT_UNKNOWN',
          message: `product ${application.productCode} v${application.productVersion} has not been received`,
        },
      ],
    };
  return underwrite({
    productType: product.type,
    isLife: product.isLife,
    entryAge: product.entryAge,
    acceptedOccupationClasses: [...product.occupationClasses],
    maxSumInsuredIncomeMultiple: product.maxSumInsuredIncomeMultiple,
    insuredAge: application.insuredAge,
    occupationClass: application.occupationClass,
    sumInsuredFen: application.sumInsuredFen,
    annualIncomeFen: application.annualIncomeFen,
    bmi: application.bmi,
    declaredConditions: application.declaredConditions,
    identityVerified: application.identityVerified,
  });
}

/** A new case with the automatic outcome: decided (and its offer opened) or referred. */
export function openCase(
  application: SubmittedApplication,
  outcome: UnderwritingOutcome,
  now: Date,
): CaseDecided {
  const referred = outcome.decision === 'refer';
  const state = withOffer({
    applicationId: application.applicationId,
    application,
    status: referred ? 'referred' : 'decided',
    decision: outcome.decision === 'refer' ? null : outcome.decision,
    loadingPercent: outcome.loadingPercent,
    exclusions: outcome.exclusions,
    reasons: outcome.reasons,
    autoReasons: outcome.reasons,
    assignee: null,
    decidedBy: referred ? null : 'auto',
    decidedAt: referred ? null : now,
    offerStatus: null,
    offerPremiumFen: null,
    confirmation: null,
    firstPayment: null,
    createdAt: now,
  });
  return { state, event: decided(state, outcome.decision, 'auto', now) };
}

/** Only a case not yet decided, and not held by someone else, can be worked on. */
function assertWorkable(kase: CaseState, underwriter: string): void {
  if (kase.status === 'decided') throw new UnderwritingClosedError(kase.applicationId);
  if (kase.assignee && kase.assignee !== underwriter) throw new UnderwritingAssignedError(kase.assignee);
}

/** An underwriter takes a referred case. */
export function take(kase: CaseState, underwriter: string): CaseState {
  assertWorkable(kase, underwriter);
  return { ...kase, status: 'assigned', assignee: underwriter };
}

/** The underwriter's decision with reasons: a loading only on acceptance with loading, no exclusions on a decline. */
export function decide(kase: CaseState, underwriter: string, input: ManualDecision, now: Date): CaseDecided {
  assertWorkable(kase, underwriter);
  const state = withOffer({
    ...kase,
    status: 'decided',
    decision: input.decision,
    loadingPercent: input.decision === 'accept_with_loading' ? (input.loadingPercent ?? null) : null,
    exclusions: input.decision === 'decline' ? [] : (input.exclusions ?? []),
    reasons: input.reasons,
    assignee: kase.assignee ?? underwriter,
    decidedBy: underwriter,
    decidedAt: now,
  });
  return { state, event: decided(state, input.decision, underwriter, now) };
}

/** A decided case opens its offer at the loaded premium, or records the decline. */
function withOffer(kase: CaseState): CaseState {
  if (!kase.decision) return kase;
  if (kase.decision === 'decline') return { ...kase, offerStatus: 'declined' };
  return {
    ...kase,
    offerStatus: 'awaiting',
    offerPremiumFen: loadedPremium(kase.application.premiumFen, kase.loadingPercent),
  };
}

function decided(
  kase: CaseState,
  decision: FinalDecision | 'refer',
  decidedBy: string,
  at: Date,
): EventPayload<'contract.underwriting-decided'> {
  return {
    applicationId: kase.applicationId,
    policyholderId: kase.application.policyholderId,
    productCode: kase.application.productCode,
    decision,
    loadingPercent: kase.loadingPercent,
    exclusions: kase.exclusions,
    reasons: kase.reasons,
    decidedBy,
    decidedAt: at.toISOString(),
  };
}
