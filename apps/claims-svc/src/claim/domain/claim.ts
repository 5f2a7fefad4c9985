import {
  effectiveSumInsuredFen,
  loanBalance,
  policyYearOn,
  type EventPayload,
  type EventType,
} from '@insurer/contracts';
import { addYears, shanghaiDate, type CalendarDate } from '@insurer/platform-time';
import { approvalCheck, type AuthorityLevel, type AuthorityLimits } from './authority';
import { splitDeathBenefit, type Beneficiary } from './beneficiaries';
import { ClaimApprovalRefusedError, ClaimRefusedError, ClaimStateError } from './claim.errors';
import { fraudScore, type FraudSignal } from './fraud';
import { missingDocuments, type CauseOfDeath, type ClaimType, type Refusal } from './intake';
import { deductibleAbsorbed, payableAmount, type CoverageLimits } from './payable';
import { timerDueOn, type TimerKind } from './statutory-timers';

/**
 * The claim aggregate (manual chapter 4): its state, and one function per transition that takes the state, the
 * input and the time and returns the new state with the events, statutory timer changes and history lines to write.
 * No I/O: the handlers load, call one of these, and persist what it decided in one transaction.
 */

export type ClaimStatus =
  | 'documents_requested'
  | 'documents_complete'
  | 'assessed'
  | 'investigation'
  | 'approved'
  | 'rejected'
  | 'paid';

export interface Assessment {
  payableFen: number;
  steps: { step: string; amountFen: number }[];
  fraudScore: number;
  signals: FraudSignal[];
  referredToInvestigation: boolean;
  deductibleAbsorbedFen: number;
  /** This payment reaches the coverage's annual or lifetime limit: the cover is used up. */
  exhaustsLimit: boolean;
}

export interface RejectionReason {
  code: string;
  message: string;
}

/** The claim as the aggregate knows it: everything but the sealed payee account, which only the payment run opens. */
export interface ClaimState {
  readonly claimId: string;
  readonly policyId: string;
  readonly insuredId: string;
  readonly policyholderId: string;
  readonly productCode: string;
  readonly claimType: ClaimType;
  readonly coverageCode: string;
  readonly eventDate: CalendarDate;
  readonly description: string;
  readonly amountClaimedFen: number;
  /** For a death claim, the cause reported (Art. 44 reads it). */
  readonly causeOfDeath: CauseOfDeath | null;
  /** For a death claim, the beneficiaries on the day it was reported: who takes the benefit and in what shares. */
  readonly beneficiaries: Beneficiary[];
  /** Masked for display (maskPersonName): the name itself is sealed with the account, outside the aggregate. */
  readonly payeeName: string;
  readonly payeeRelationship: string;
  readonly payeeAccountLast4: string;
  readonly status: ClaimStatus;
  readonly reportedAt: Date;
  readonly reportedBy: string;
  readonly documentsRequestedAt: Date | null;
  readonly documentsCompletedAt: Date | null;
  readonly assessment: Assessment | null;
  readonly assessedBy: string | null;
  readonly decision: 'approve' | 'reject' | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly approvedFen: number | null;
  readonly rejectionReasons: RejectionReason[] | null;
  readonly noticeSentAt: Date | null;
  readonly paidFen: number;
  readonly paidAt: Date | null;
}

/** An event for the outbox, typed by its contract. */
export type ClaimEvent = {
  [T in EventType]: { type: T; aggregateId: string; payload: EventPayload<T> };
}[EventType];

export type TimerChange =
  | {
      readonly action: 'start';
      readonly kind: TimerKind;
      readonly startedOn: CalendarDate;
      readonly amountFen?: number;
    }
  | { readonly action: 'meet'; readonly kind: TimerKind }
  | { readonly action: 'cancel'; readonly kind: TimerKind }
  /** Forget the timers of a decision that no longer stands (a reopened claim starts them afresh). */
  | { readonly action: 'drop'; readonly kinds: readonly TimerKind[] };

export interface HistoryLine {
  readonly action: string;
  readonly actor: string;
  readonly detail: Record<string, unknown>;
}

export interface Decided {
  readonly state: ClaimState;
  readonly events: ClaimEvent[];
  readonly timers: TimerChange[];
  readonly history: HistoryLine[];
}

/** A name as views show it: the surname (first character) kept, every other character starred. */
export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** Relationships of a payee to the claim that raise no fraud signal. */
const PAYEE_OK = ['self', 'insured', 'beneficiary', 'spouse', 'child', 'parent'];

export function payeeIsInsuredOrBeneficiary(claim: Pick<ClaimState, 'payeeRelationship'>): boolean {
  return PAYEE_OK.includes(claim.payeeRelationship);
}

// ---------------------------------------------------------------- report

export interface ClaimReportInput {
  readonly claimId: string;
  /** The policy from the replica, or null when claims-svc has never heard of it (intake then refuses). */
  readonly policy: {
    policyId: string;
    policyholderId: string;
    productCode: string;
    beneficiaries: readonly Beneficiary[];
  } | null;
  readonly insuredId: string;
  readonly claimType: ClaimType;
  readonly eventDate: CalendarDate;
  readonly causeOfDeath?: CauseOfDeath;
  readonly description: string;
  readonly amountClaimedFen: number;
  readonly payee: { name: string; relationship: string; accountLast4: string };
  /** What intake found (checkIntake): the coverage that answers, or the reasons it cannot be taken. */
  readonly intake: { coverage: { code: string } | null; refusals: readonly Refusal[] };
  readonly actor: string;
}

/** First notice: taken when intake found a coverage and no refusal; the missing-documents notice goes out with it. */
export function reportClaim(input: ClaimReportInput, now: Date): Decided {
  const { coverage, refusals } = input.intake;
  const { claimId, policy } = input;
  if (refusals.length || !coverage || !policy)
    throw new ClaimRefusedError('CLAIM.REFUSED', 'the claim cannot be taken', refusals);
  const state: ClaimState = {
    claimId,
    policyId: policy.policyId,
    insuredId: input.insuredId,
    policyholderId: policy.policyholderId,
    productCode: policy.productCode,
    claimType: input.claimType,
    coverageCode: coverage.code,
    eventDate: input.eventDate,
    description: input.description,
    amountClaimedFen: input.amountClaimedFen,
    causeOfDeath: input.causeOfDeath ?? null,
    beneficiaries: input.claimType === 'death' ? [...policy.beneficiaries] : [],
    payeeName: maskPersonName(input.payee.name),
    payeeRelationship: input.payee.relationship,
    payeeAccountLast4: input.payee.accountLast4,
    status: 'documents_requested',
    reportedAt: now,
    reportedBy: input.actor,
    // The acknowledgement is the notice of missing documents (Art. 22): it goes out with the claim.
    documentsRequestedAt: now,
    documentsCompletedAt: null,
    assessment: null,
    assessedBy: null,
    decision: null,
    decidedBy: null,
    decidedAt: null,
    approvedFen: null,
    rejectionReasons: null,
    noticeSentAt: null,
    paidFen: 0,
    paidAt: null,
  };
  return {
    state,
    events: [
      {
        type: 'claims.claim-reported',
        aggregateId: claimId,
        payload: {
          claimId,
          policyId: policy.policyId,
          insuredId: input.insuredId,
          productCode: policy.productCode,
          claimType: input.claimType,
          eventDate: input.eventDate,
          ...(input.causeOfDeath ? { causeOfDeath: input.causeOfDeath } : {}),
          amountClaimedFen: input.amountClaimedFen,
          reportedAt: now.toISOString(),
        },
      },
      {
        type: 'claims.documents-requested',
        aggregateId: claimId,
        // Art. 22: one notice listing everything missing.
        payload: { claimId, missing: missingDocuments(input.claimType, []), requestedAt: now.toISOString() },
      },
    ],
    timers: [],
    history: [
      { action: 'reported', actor: input.actor, detail: { amountClaimedFen: input.amountClaimedFen } },
    ],
  };
}

// ---------------------------------------------------------------- documents

/**
 * Documents recorded (any status: late papers are kept); the first time the checklist is complete, the decision
 * and advance-payment timers start.
 */
export function recordDocuments(
  claim: ClaimState,
  input: { added: readonly string[]; allSubmitted: readonly string[]; actor: string },
  now: Date,
): Decided & { missing: string[] } {
  const missing = missingDocuments(claim.claimType, input.allSubmitted);
  const history: HistoryLine[] = [
    { action: 'documents_submitted', actor: input.actor, detail: { kinds: [...input.added] } },
  ];
  if (missing.length > 0 || claim.documentsCompletedAt)
    return { state: claim, events: [], timers: [], history, missing };
  const today = shanghaiDate(now);
  return {
    state: { ...claim, documentsCompletedAt: now, status: 'documents_complete' },
    events: [
      {
        type: 'claims.documents-completed',
        aggregateId: claim.claimId,
        payload: {
          claimId: claim.claimId,
          completedAt: now.toISOString(),
          decisionDueOn: timerDueOn('decision', today),
        },
      },
    ],
    timers: [
      { action: 'start', kind: 'decision', startedOn: today },
      { action: 'start', kind: 'advance_payment', startedOn: today },
    ],
    history,
    missing,
  };
}

// ---------------------------------------------------------------- assessment

/** What the assessment reads besides the claim: the policy's cover and the insured's other claims. */
export interface AssessmentFacts {
  readonly coverage: CoverageLimits | undefined;
  /** The basic sum insured; with growth terms the payable reads the effective one of the event's policy year. */
  readonly sumInsuredFen: number;
  readonly sumInsuredGrowth?: { compoundPercent: number };
  /** A policy loan outstanding (from contract-svc's events): it and its interest to the day are deducted. */
  readonly loan?: PolicyLoanTerms | null;
  readonly effectiveDate: CalendarDate;
  /** Paid claims on the same policy and coverage (not this one). */
  readonly earlierPaid: readonly {
    eventDate: CalendarDate;
    paidFen: number;
    deductibleAbsorbedFen: number;
  }[];
  /** Event dates of the insured's other claims, on any policy. */
  readonly otherClaimDates: readonly CalendarDate[];
  /** Documents of this claim whose SHA-256 was also filed with another claim. */
  readonly reusedDocuments: number;
}

/** The start of the policy year an event falls in (anniversaries of the effective date). */
export function policyYearStart(effectiveDate: CalendarDate, eventDate: CalendarDate): CalendarDate {
  let start = effectiveDate;
  while (addYears(start, 1) <= eventDate) start = addYears(start, 1);
  return start;
}

const ASSESSABLE: readonly ClaimStatus[] = ['documents_complete', 'assessed', 'investigation'];

/** The payable amount step by step and the fraud score; a high score refers the claim to investigation. */
export function assess(claim: ClaimState, facts: AssessmentFacts, assessor: string, now: Date): Decided {
  if (!ASSESSABLE.includes(claim.status)) throw new ClaimStateError(claim, 'assessed');
  const { coverage } = facts;
  if (!coverage) throw new ClaimStateError(claim, 'assessed without its coverage');
  const yearStart = policyYearStart(facts.effectiveDate, claim.eventDate);
  const thisYear = facts.earlierPaid.filter((c) => c.eventDate >= yearStart);
  const sumInsuredFen = effectiveSumInsuredFen(
    facts.sumInsuredFen,
    facts.sumInsuredGrowth,
    policyYearOn(facts.effectiveDate, claim.eventDate),
  );
  const input = {
    claimType: claim.claimType,
    amountClaimedFen: claim.amountClaimedFen,
    sumInsuredFen,
    coverage,
    paidThisYearFen: thisYear.reduce((s, c) => s + c.paidFen, 0),
    paidLifetimeFen: facts.earlierPaid.reduce((s, c) => s + c.paidFen, 0),
    deductibleUsedFen: thisYear.reduce((s, c) => s + c.deductibleAbsorbedFen, 0),
  };
  const payable = deductLoan(payableAmount(input), facts.loan, shanghaiDate(now));
  const fraud = fraudScore({
    effectiveDate: facts.effectiveDate,
    eventDate: claim.eventDate,
    otherClaimDates: [...facts.otherClaimDates],
    amountClaimedFen: claim.amountClaimedFen,
    limitFen: coverage.annualLimitFen ?? Math.floor((sumInsuredFen * coverage.sumInsuredPercent) / 100),
    payeeIsInsuredOrBeneficiary: payeeIsInsuredOrBeneficiary(claim),
    reusedDocuments: facts.reusedDocuments,
  });
  const assessment: Assessment = {
    payableFen: payable.payableFen,
    steps: payable.steps,
    fraudScore: fraud.score,
    signals: fraud.signals,
    referredToInvestigation: fraud.referred,
    deductibleAbsorbedFen: deductibleAbsorbed(input),
    exhaustsLimit:
      (coverage.annualLimitFen !== undefined &&
        input.paidThisYearFen + payable.payableFen >= coverage.annualLimitFen) ||
      (coverage.lifetimeLimitFen !== undefined &&
        input.paidLifetimeFen + payable.payableFen >= coverage.lifetimeLimitFen),
  };
  return {
    state: {
      ...claim,
      assessment,
      assessedBy: assessor,
      status: fraud.referred ? 'investigation' : 'assessed',
    },
    events: [
      {
        type: 'claims.claim-assessed',
        aggregateId: claim.claimId,
        payload: {
          claimId: claim.claimId,
          payableFen: payable.payableFen,
          fraudScore: fraud.score,
          referredToInvestigation: fraud.referred,
          assessedBy: assessor,
          assessedAt: now.toISOString(),
        },
      },
    ],
    timers: [],
    history: [
      {
        action: 'assessed',
        actor: assessor,
        detail: { payableFen: payable.payableFen, fraudScore: fraud.score },
      },
    ],
  };
}

export interface PolicyLoanTerms {
  readonly principalFen: number;
  readonly annualRatePercent: number;
  readonly termMonths: number;
  readonly periodStart: CalendarDate;
}

/** An outstanding policy loan and its interest to the day come off the benefit (domain.md "Policy loans"). */
function deductLoan(
  payable: { payableFen: number; steps: { step: string; amountFen: number }[] },
  loan: PolicyLoanTerms | null | undefined,
  today: CalendarDate,
): { payableFen: number; steps: { step: string; amountFen: number }[] } {
  if (!loan || loan.principalFen === 0) return payable;
  const owed = loanBalance(
    loan.principalFen,
    loan.annualRatePercent,
    loan.termMonths,
    loan.periodStart,
    today,
  );
  const payableFen = Math.max(0, payable.payableFen - owed.totalFen);
  return {
    payableFen,
    steps: [
      ...payable.steps,
      { step: `less the policy loan and its interest to ${today}`, amountFen: payableFen },
    ],
  };
}

// ---------------------------------------------------------------- decision

export type DecisionInput =
  | { decision: 'approve'; approvedFen?: number; reasons: RejectionReason[] }
  | { decision: 'reject'; reasons: RejectionReason[] };

export interface Approver {
  readonly id: string;
  readonly roles: readonly string[];
}

/**
 * Approve within the approver's authority (and never one's own assessment), or reject with reasons. A claim under
 * investigation needs a manager or above to approve.
 */
export function decide(
  claim: ClaimState,
  input: DecisionInput,
  approver: Approver,
  limits: AuthorityLimits,
  now: Date,
): Decided {
  const assessment = claim.assessment;
  if ((claim.status !== 'assessed' && claim.status !== 'investigation') || !assessment)
    throw new ClaimStateError(claim, 'decided');
  const today = shanghaiDate(now);
  if (input.decision === 'approve') {
    const amount = input.approvedFen ?? assessment.payableFen;
    if (amount > assessment.payableFen || amount <= 0) {
      throw new ClaimRefusedError('CLAIM.AMOUNT', 'the approved amount is not payable', [
        {
          code: 'CLAIM.AMOUNT',
          message: `approve between 0.01 and ${assessment.payableFen / 100} yuan`,
          params: { maxYuan: assessment.payableFen / 100 },
          pointer: '/approvedFen',
        },
      ]);
    }
    const level = mayApprove(
      amount,
      approver,
      claim.assessedBy,
      claim.status === 'investigation' ? { ...limits, handlerMaxFen: -1 } : limits,
    );
    return {
      state: {
        ...claim,
        status: 'approved',
        decision: 'approve',
        approvedFen: amount,
        decidedBy: approver.id,
        decidedAt: now,
      },
      events: [
        {
          type: 'claims.claim-approved',
          aggregateId: claim.claimId,
          payload: {
            claimId: claim.claimId,
            policyId: claim.policyId,
            approvedFen: amount,
            approvedBy: approver.id,
            authorityLevel: level,
            decidedAt: now.toISOString(),
            paymentDueOn: timerDueOn('payment', today),
            ...(claim.claimType === 'death'
              ? { beneficiaryShares: splitDeathBenefit(amount, claim.beneficiaries) }
              : {}),
          },
        },
      ],
      timers: [
        { action: 'meet', kind: 'decision' },
        { action: 'cancel', kind: 'advance_payment' },
        { action: 'start', kind: 'payment', startedOn: today, amountFen: amount - claim.paidFen },
      ],
      history: [
        { action: 'approved', actor: approver.id, detail: { approvedFen: amount, authority: level } },
      ],
    };
  }
  mayApprove(0, approver, claim.assessedBy, limits);
  return {
    state: {
      ...claim,
      status: 'rejected',
      decision: 'reject',
      rejectionReasons: input.reasons,
      decidedBy: approver.id,
      decidedAt: now,
    },
    events: [
      {
        type: 'claims.claim-rejected',
        aggregateId: claim.claimId,
        payload: {
          claimId: claim.claimId,
          policyId: claim.policyId,
          reasons: input.reasons,
          decidedAt: now.toISOString(),
          noticeDueOn: timerDueOn('rejection_notice', today),
          noticeSentAt: null,
        },
      },
    ],
    timers: [
      { action: 'meet', kind: 'decision' },
      { action: 'cancel', kind: 'advance_payment' },
      { action: 'start', kind: 'rejection_notice', startedOn: today },
    ],
    history: [{ action: 'rejected', actor: approver.id, detail: { reasons: input.reasons } }],
  };
}

function mayApprove(
  amountFen: number,
  approver: Approver,
  assessedBy: string | null,
  limits: AuthorityLimits,
): AuthorityLevel {
  const check = approvalCheck(amountFen, approver, assessedBy, limits);
  if (!check.ok) throw new ClaimApprovalRefusedError(check.code, check.message, check.params);
  return check.level;
}

// ---------------------------------------------------------------- after the decision

/** Art. 24: the rejection notice with its reasons, once; whether it met its deadline is recorded in the event. */
export function sendRejectionNotice(
  claim: ClaimState,
  noticeDueOn: CalendarDate | null,
  actor: string,
  now: Date,
): Decided {
  if (claim.status !== 'rejected' || claim.noticeSentAt || !claim.rejectionReasons)
    throw new ClaimStateError(claim, 'notified');
  return {
    state: { ...claim, noticeSentAt: now },
    events: [
      {
        type: 'claims.rejection-notice-sent',
        aggregateId: claim.claimId,
        payload: {
          claimId: claim.claimId,
          reasons: claim.rejectionReasons,
          sentAt: now.toISOString(),
          withinDeadline: noticeDueOn === null || shanghaiDate(now) <= noticeDueOn,
        },
      },
    ],
    timers: [{ action: 'meet', kind: 'rejection_notice' }],
    history: [{ action: 'rejection_notice_sent', actor, detail: {} }],
  };
}

/** Payment confirmed by finance; a death claim, or a payment that uses up the limit, ends the policy. */
export function confirmPayment(
  claim: ClaimState,
  input: { paidAt: Date; bankReference: string },
  actor: string,
  now: Date,
): Decided {
  if (claim.status !== 'approved' || claim.approvedFen === null) throw new ClaimStateError(claim, 'paid');
  const amount = claim.approvedFen - claim.paidFen;
  const state: ClaimState = {
    ...claim,
    paidFen: claim.paidFen + amount,
    paidAt: input.paidAt,
    status: 'paid',
  };
  return {
    state,
    events: [
      paid(
        state,
        amount,
        false,
        claim.claimType === 'death' || claim.assessment?.exhaustsLimit === true,
        now,
      ),
    ],
    timers: [{ action: 'meet', kind: 'payment' }],
    history: [{ action: 'paid', actor, detail: { amountFen: amount, bankReference: input.bankReference } }],
  };
}

const ADVANCEABLE: readonly ClaimStatus[] = ['documents_complete', 'assessed', 'investigation'];

/** Art. 25: with the amount still open 60 days after complete documents, the determinable part is paid ahead. */
export function payAdvance(claim: ClaimState, amountFen: number, actor: string, now: Date): Decided {
  if (!ADVANCEABLE.includes(claim.status)) throw new ClaimStateError(claim, 'paid in advance');
  if (claim.assessment && amountFen > claim.assessment.payableFen) {
    throw new ClaimRefusedError('CLAIM.AMOUNT', 'the advance exceeds what is determinable', [
      {
        code: 'CLAIM.AMOUNT',
        message: `at most ${claim.assessment.payableFen / 100} yuan`,
        params: { maxYuan: claim.assessment.payableFen / 100 },
        pointer: '/amountFen',
      },
    ]);
  }
  const state: ClaimState = { ...claim, paidFen: claim.paidFen + amountFen, paidAt: now };
  return {
    state,
    events: [paid(state, amountFen, true, false, now)],
    timers: [{ action: 'meet', kind: 'advance_payment' }],
    history: [{ action: 'advance_paid', actor, detail: { amountFen } }],
  };
}

/** An appeal or new documents reopen a decided claim for a fresh assessment and decision. */
export function reopen(claim: ClaimState, reason: string, actor: string, now: Date): Decided {
  if (claim.status !== 'rejected' && claim.status !== 'paid') throw new ClaimStateError(claim, 'reopened');
  return {
    state: {
      ...claim,
      status: 'documents_complete',
      decision: null,
      decidedBy: null,
      decidedAt: null,
      assessment: null,
      assessedBy: null,
      approvedFen: null,
    },
    events: [
      {
        type: 'claims.claim-reopened',
        aggregateId: claim.claimId,
        payload: { claimId: claim.claimId, reason, reopenedAt: now.toISOString() },
      },
    ],
    timers: [
      { action: 'drop', kinds: ['decision', 'payment', 'rejection_notice'] },
      { action: 'start', kind: 'decision', startedOn: shanghaiDate(now) },
    ],
    history: [{ action: 'reopened', actor, detail: { reason } }],
  };
}

function paid(
  claim: ClaimState,
  amountFen: number,
  advance: boolean,
  terminatesPolicy: boolean,
  now: Date,
): ClaimEvent {
  return {
    type: 'claims.claim-paid',
    aggregateId: claim.claimId,
    payload: {
      claimId: claim.claimId,
      policyId: claim.policyId,
      insuredId: claim.insuredId,
      policyholderId: claim.policyholderId,
      productCode: claim.productCode,
      claimType: claim.claimType,
      amountFen,
      advance,
      payeeIsInsuredOrBeneficiary: payeeIsInsuredOrBeneficiary(claim),
      reportedAt: claim.reportedAt.toISOString(),
      paidAt: (claim.paidAt ?? now).toISOString(),
      terminatesPolicy,
    },
  };
}

// ---------------------------------------------------------------- who may see it

/**
 * Staff see every claim; a customer only those where they are the insured or the policyholder, or, for a death
 * claim, a named beneficiary.
 */
export function isOwnClaim(
  who: { staff: boolean; customerId?: string },
  claim: Pick<ClaimState, 'insuredId' | 'policyholderId'> & { beneficiaries?: readonly Beneficiary[] },
): boolean {
  return (
    who.staff ||
    who.customerId === claim.insuredId ||
    who.customerId === claim.policyholderId ||
    (who.customerId !== undefined && (claim.beneficiaries ?? []).some((b) => b.customerId === who.customerId))
  );
}
