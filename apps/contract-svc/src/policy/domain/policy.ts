import {
  loanBalance,
  paysOnDeath,
  ruleOf,
  type EventPayload,
  type EventType,
  type LoanBalance,
  type PolicyStatus,
  type ProductDefinition,
} from '@insurer/contracts';
import { addDays, shanghaiDate, type CalendarDate } from '@insurer/platform-time';
import { nextBenefitOn, type BenefitPaymentRecord } from './benefits';
import {
  adultOn,
  checkBeneficiaryChange,
  type ChangeConsent,
  type ChangedBy,
  type InsuredRelationship,
} from './beneficiary-change';
import type { KnownParty } from '../../party-replica/domain/known-party';
import { checkPolicyholderChange, type PolicyholderChange } from './policyholder-change';
import { assertNotPledged, checkPledge, checkRelease, type PolicyPledge } from './pledge';

export type { PolicyPledge };
import { PolicyRuleError, PolicyStateError, PremiumRuleError } from './policy.errors';
import { policyNumber } from './policy-number';
import {
  MONTHS_BETWEEN,
  cashValueOn,
  coolingOffEndsOn,
  dueDate,
  expiryDate,
  graceEndsOn,
  isInsideCoolingOff,
  reinstatableUntil,
  rescissionAllowed,
  surrenderRefundDueOn,
  totalInstalments,
  withdrawalRefund,
  type PaymentMode,
} from './policy-terms';

/**
 * The policy aggregate (manual 3.4): endorsements as versions, cooling-off withdrawal, surrender for the cash value,
 * rescission, reinstatement, premiums, lapse and the ways a policy ends. Each transition takes the state, its input
 * and the day, and returns the new state with what to write: its events, the policy version it creates, whether a new
 * schedule is archived, when the records' retention restarts, and a premium payment. No I/O.
 */

/** The status words are shared with every service that keeps a copy of the policy. */
export type { PolicyStatus };

export interface Beneficiary {
  name: string;
  /** How the beneficiary stands to the insured. */
  relationship: string;
  sharePercent: number;
  /** A registered customer, whom claims can recognise and pay. */
  customerId?: string;
}

export interface Contact {
  mobile?: string;
  address?: string;
  email?: string;
}

export interface PolicyState {
  readonly policyId: string;
  readonly policyNumber: string;
  readonly applicationId: string;
  readonly productCode: string;
  readonly productVersion: number;
  readonly productType: string;
  readonly isLife: boolean;
  readonly policyholderId: string;
  readonly insuredId: string;
  /** How the insured stands to the policyholder (null on policies sold before the parties were named). */
  readonly insuredRelationship: InsuredRelationship;
  /** The day the insured comes of age, if a minor at issue: until then a parent acts for them (Art. 39). */
  readonly insuredAdultOn: CalendarDate | null;
  readonly payerId: string;
  readonly salespersonId: string;
  readonly channel: 'agent' | 'bank' | 'telesales' | 'online' | 'broker';
  readonly status: PolicyStatus;
  readonly version: number;
  readonly sumInsuredFen: number;
  readonly annualPremiumFen: number;
  readonly premiumFen: number;
  readonly paymentMode: PaymentMode;
  readonly paymentTermYears: number;
  readonly coverageTermYears: number;
  readonly entryAge: number;
  readonly insuredGender: 'male' | 'female';
  readonly loadingPercent: number | null;
  readonly exclusions: string[];
  readonly beneficiaries: Beneficiary[];
  readonly contact: Contact | null;
  readonly effectiveDate: CalendarDate;
  readonly expiryDate: CalendarDate;
  readonly coolingOffEndsOn: CalendarDate;
  readonly instalmentsPaid: number;
  readonly totalInstalments: number;
  readonly nextDueOn: CalendarDate | null;
  readonly premiumsPaidFen: number;
  readonly overdueSince: CalendarDate | null;
  readonly graceEndsOn: CalendarDate | null;
  /** The demand notice (催告) for the overdue premium, if one was sent. */
  readonly demandNoticeOn: CalendarDate | null;
  readonly lapsedOn: CalendarDate | null;
  readonly reinstatableUntil: CalendarDate | null;
  readonly endedOn: CalendarDate | null;
  readonly endReason: string | null;
  /** The policy loan outstanding (保单贷款), if any: see loan.ts. */
  readonly loan: PolicyLoan | null;
  /** The pledge to a third party standing on the policy (保单质押), if any: see pledge.ts. */
  readonly pledge: PolicyPledge | null;
  /** The cash value owed after a surrender (Art. 47: paid within 30 days), and whether it was paid or is late. */
  readonly surrenderRefund: SurrenderRefund | null;
  /** How many of the product's survival and maturity benefits have been paid, and when the next falls due. */
  readonly benefitsPaid: number;
  readonly nextBenefitOn: CalendarDate | null;
  readonly issuedAt: Date;
}

export interface SurrenderRefund {
  readonly amountFen: number;
  readonly dueOn: CalendarDate;
  readonly paidAt: string | null;
  readonly bankReference: string | null;
  /** The day after the last of the 30 days, when the refund was found unpaid. */
  readonly overdueSince: CalendarDate | null;
}

export interface PolicyLoan {
  /** Owed from `periodStart`: what was lent plus interest capitalised at earlier roll-overs or carried into a new loan. */
  readonly principalFen: number;
  readonly periodStart: CalendarDate;
  readonly annualRatePercent: number;
  readonly termMonths: number;
  /** The notice that the loan reached the cash value, and the day the policy ends unless it is repaid. */
  readonly noticeSentOn: CalendarDate | null;
  readonly endsOn: CalendarDate | null;
  /** The last day the daily check compared the loan with the cash value. */
  readonly checkedOn: CalendarDate | null;
}

/** What a policy version records of the policy. */
export interface PolicySnapshot {
  status: PolicyStatus;
  sumInsuredFen: number;
  annualPremiumFen: number;
  premiumFen: number;
  paymentMode: PaymentMode;
  beneficiaries: Beneficiary[];
  contact: Contact | null;
  exclusions: string[];
  loadingPercent: number | null;
  nextDueOn: string | null;
}

export function snapshotOf(p: PolicyState): PolicySnapshot {
  return {
    status: p.status,
    sumInsuredFen: p.sumInsuredFen,
    annualPremiumFen: p.annualPremiumFen,
    premiumFen: p.premiumFen,
    paymentMode: p.paymentMode,
    beneficiaries: p.beneficiaries,
    contact: p.contact,
    exclusions: p.exclusions,
    loadingPercent: p.loadingPercent,
    nextDueOn: p.nextDueOn,
  };
}

export type PolicyEvent = {
  [T in EventType]: { type: T; aggregateId: string; payload: EventPayload<T> };
}[EventType];

/** A new version of the policy: `state.version` is its number and its snapshot is taken from `state`. */
export interface NewVersion {
  readonly kind: string;
  readonly effectiveDate: CalendarDate;
  readonly premiumEffectFen: number;
  readonly createdBy: string;
  /**
   * The insured's signed consent the change was made with: a beneficiary change by the policyholder (Art. 41), a
   * change of policyholder (Arts. 31, 34).
   */
  readonly consent?: ChangeConsent | null;
  /** The new policyholder's signature to a change of policyholder. */
  readonly signature?: ChangeConsent | null;
}

export type PaymentMethod = 'cash' | 'bank_transfer' | 'card' | 'direct_debit';

export interface PremiumPaymentRecord {
  readonly paymentId: string;
  readonly amountFen: number;
  readonly dueOn: CalendarDate;
  readonly paidAt: Date;
  readonly method: PaymentMethod;
  readonly payerId: string;
  readonly payerType: 'individual' | 'corporate';
  readonly kind: 'first' | 'renewal' | 'arrears';
  /** Paid in another currency than CNY: its code and amount in minor units; `amountFen` is the CNY booked. */
  readonly currency?: string;
  readonly currencyAmountMinor?: number;
}

export interface PolicyDecided {
  readonly state: PolicyState;
  /** Events in publishing order. */
  readonly events: PolicyEvent[];
  readonly version?: NewVersion;
  /** A new schedule document for the new version goes to the archive. */
  readonly archiveSchedule?: boolean;
  /** The contract ended on this day: the archive's retention runs from it (Art. 87). */
  readonly retentionFrom?: CalendarDate;
  /** A premium received, for the payment ledger. */
  readonly payment?: PremiumPaymentRecord;
  /** Survival or maturity benefits paid, for their payment records. */
  readonly benefits?: readonly BenefitPaymentRecord[];
}

const ACTIVE: readonly PolicyStatus[] = ['in_force', 'suspended'];

// ---------------------------------------------------------------- issue

/** What issue reads: the accepted application, its offer, the first premium and the product version it was sold on. */
export interface IssueInput {
  readonly policyId: string;
  /** The next value of the policy-number sequence. */
  readonly sequence: number;
  readonly application: {
    applicationId: string;
    productCode: string;
    productVersion: number;
    policyholderId: string;
    insuredId: string;
    payerId: string;
    salespersonId: string;
    channel: PolicyState['channel'];
    sumInsuredFen: number;
    premiumFen: number;
    paymentMode: PaymentMode;
    paymentTermYears: number;
    coverageTermYears: number;
    insuredAge: number;
    /** The last day the insured is `insuredAge` (from sales; absent on older applications). */
    ratingAgeValidUntil?: CalendarDate;
    insuredGender: 'male' | 'female';
    /** How the insured stands to the policyholder (absent from applications made before parties were named). */
    insuredRelationship?: EventPayload<'contract.policy-issued'>['insuredRelationship'];
    beneficiaries: Beneficiary[];
  };
  readonly offer: { premiumFen: number | null; loadingPercent: number | null; exclusions: readonly string[] };
  readonly firstPayment: Omit<PremiumPaymentRecord, 'dueOn' | 'kind'>;
  readonly product: Pick<
    ProductDefinition,
    | 'type'
    | 'isLife'
    | 'coolingOffDays'
    | 'coverages'
    | 'rates'
    | 'survivalBenefits'
    | 'maturityBenefitPercent'
  >;
}

/** The annual premium an instalment stands for, through the product's modal factor. */
export function annualFromInstalment(
  instalmentFen: number,
  mode: string,
  product: { rates?: { modalFactorsBp: Partial<Record<string, number>> } },
): number {
  const factor = product.rates?.modalFactorsBp[mode] ?? 10_000;
  return Math.round((instalmentFen * 10_000) / factor);
}

/**
 * Issue (manual 3.1, 3.3): cover starts on the day the premium is in and the policy issued; the electronic policy is
 * delivered at once, which starts the cooling-off count from tomorrow. Version 1, the schedule archived, the first
 * premium recorded, PremiumPaid then PolicyIssued.
 */
export function issue(input: IssueInput, now: Date): PolicyDecided {
  const { application: app, offer, product } = input;
  const today = shanghaiDate(now);
  const total = totalInstalments(app.paymentMode, app.paymentTermYears);
  const premiumFen = offer.premiumFen ?? app.premiumFen;
  const state: PolicyState = {
    policyId: input.policyId,
    policyNumber: policyNumber(Number(today.slice(0, 4)), input.sequence),
    applicationId: app.applicationId,
    productCode: app.productCode,
    productVersion: app.productVersion,
    productType: product.type,
    isLife: product.isLife,
    policyholderId: app.policyholderId,
    insuredId: app.insuredId,
    insuredRelationship: app.insuredRelationship ?? (app.insuredId === app.policyholderId ? 'self' : null),
    insuredAdultOn: adultOn(app.insuredAge, app.ratingAgeValidUntil, today),
    payerId: app.payerId,
    salespersonId: app.salespersonId,
    channel: app.channel,
    status: 'in_force',
    version: 1,
    sumInsuredFen: app.sumInsuredFen,
    annualPremiumFen: annualFromInstalment(premiumFen, app.paymentMode, product),
    premiumFen,
    paymentMode: app.paymentMode,
    paymentTermYears: app.paymentTermYears,
    coverageTermYears: app.coverageTermYears,
    entryAge: app.insuredAge,
    insuredGender: app.insuredGender,
    loadingPercent: offer.loadingPercent,
    exclusions: [...product.coverages.flatMap((c) => c.exclusions), ...offer.exclusions],
    beneficiaries: app.beneficiaries,
    contact: null,
    effectiveDate: today,
    expiryDate: expiryDate(today, app.coverageTermYears),
    coolingOffEndsOn: coolingOffEndsOn(today, product.coolingOffDays),
    instalmentsPaid: 1,
    totalInstalments: total,
    nextDueOn: total > 1 ? dueDate(today, app.paymentMode, 1) : null,
    premiumsPaidFen: input.firstPayment.amountFen,
    overdueSince: null,
    graceEndsOn: null,
    demandNoticeOn: null,
    lapsedOn: null,
    reinstatableUntil: null,
    endedOn: null,
    endReason: null,
    loan: null,
    pledge: null,
    surrenderRefund: null,
    benefitsPaid: 0,
    nextBenefitOn: nextBenefitOn(
      { effectiveDate: today, coverageTermYears: app.coverageTermYears, sumInsuredFen: app.sumInsuredFen },
      product,
      0,
    ),
    issuedAt: now,
  };
  const payment: PremiumPaymentRecord = { ...input.firstPayment, dueOn: today, kind: 'first' };
  return {
    state,
    events: [
      premiumPaid(state, payment, 1, true),
      {
        type: 'contract.policy-issued',
        aggregateId: state.policyId,
        payload: {
          policyId: state.policyId,
          policyNumber: state.policyNumber,
          applicationId: state.applicationId,
          policyholderId: state.policyholderId,
          insuredId: state.insuredId,
          payerId: state.payerId,
          insuredRelationship: state.insuredRelationship ?? undefined,
          beneficiaries: state.beneficiaries,
          productCode: state.productCode,
          productVersion: state.productVersion,
          productType: product.type,
          isLife: state.isLife,
          sumInsuredFen: state.sumInsuredFen,
          premiumFen: state.premiumFen,
          paymentMode: state.paymentMode,
          paymentTermYears: state.paymentTermYears,
          coverageTermYears: state.coverageTermYears,
          effectiveDate: state.effectiveDate,
          expiryDate: state.expiryDate,
          coolingOffEndsOn: state.coolingOffEndsOn,
          nextPremiumDueOn: state.nextDueOn,
          exclusions: state.exclusions,
          salespersonId: state.salespersonId,
          channel: state.channel,
          issuedAt: now.toISOString(),
        },
      },
    ],
    version: { kind: 'issue', effectiveDate: today, premiumEffectFen: 0, createdBy: 'issue' },
    archiveSchedule: true,
    payment,
  };
}

// ---------------------------------------------------------------- endorsements

export type Endorsement =
  | {
      kind: 'beneficiary';
      effectiveDate: string;
      beneficiaries: Beneficiary[];
      /** Who changes them (Art. 41); the policyholder unless said otherwise. */
      changedBy?: ChangedBy;
      /** The insured's signed consent, which a change by the policyholder on another's life needs. */
      insuredConsent?: ChangeConsent;
    }
  | { kind: 'contact'; effectiveDate: string; contact: Contact }
  | { kind: 'payment_mode'; effectiveDate: string; paymentMode: PaymentMode }
  | { kind: 'sum_insured_decrease'; effectiveDate: string; sumInsuredFen: number }
  | ({
      kind: 'policyholder';
      effectiveDate: string;
      insuredConsent?: ChangeConsent;
      /** The new policyholder as contract-svc knows them (the handler reads it; a request cannot name it). */
      newPolicyholder?: KnownParty | null;
    } & Omit<PolicyholderChange, 'insuredConsent' | 'newPolicyholder'>)
  | {
      kind: 'pledge';
      effectiveDate: string;
      pledgee: string;
      reference: string;
      insuredConsent?: ChangeConsent;
    }
  | { kind: 'pledge_release'; effectiveDate: string; reference: string };

/** An endorsement makes a new version from its effective date, never backdated, on the policy's own product terms. */
export function endorse(
  policy: PolicyState,
  change: Endorsement,
  product: ProductDefinition,
  actor: string,
  today: CalendarDate,
  now: Date,
): PolicyDecided {
  if (policy.status !== 'in_force') throw new PolicyStateError(policy, 'endorsed');
  if (change.effectiveDate < today)
    throw new PolicyRuleError('ENDORSEMENT.BACKDATED', 'an endorsement cannot take effect in the past');
  const changed = { ...policy, ...endorsed(policy, change, product, today), version: policy.version + 1 };
  const premiumEffectFen = changed.premiumFen - policy.premiumFen;
  const event = endorsementEvent(policy, changed, change, premiumEffectFen, now);
  return {
    state: changed,
    events: [event],
    version: {
      kind: change.kind,
      effectiveDate: change.effectiveDate,
      premiumEffectFen,
      createdBy: actor,
      consent:
        change.kind === 'beneficiary' || change.kind === 'policyholder' || change.kind === 'pledge'
          ? (change.insuredConsent ?? null)
          : null,
      signature: change.kind === 'policyholder' ? change.newPolicyholderSignature : null,
    },
    archiveSchedule: true,
  };
}

/** What an endorsement announces: its own event for a new policyholder and a pledge, `policy-endorsed` otherwise. */
function endorsementEvent(
  policy: PolicyState,
  changed: PolicyState,
  change: Endorsement,
  premiumEffectFen: number,
  now: Date,
): PolicyEvent {
  const common = {
    policyId: policy.policyId,
    policyVersion: changed.version,
    effectiveDate: change.effectiveDate,
  };
  const aggregateId = policy.policyId;
  switch (change.kind) {
    case 'pledge':
      return {
        type: 'contract.policy-pledged',
        aggregateId,
        payload: {
          ...common,
          pledgee: change.pledgee,
          reference: change.reference,
          pledgedAt: now.toISOString(),
        },
      };
    case 'pledge_release':
      return {
        type: 'contract.policy-pledge-released',
        aggregateId,
        payload: {
          ...common,
          pledgee: policy.pledge?.pledgee ?? '',
          reference: change.reference,
          releasedAt: now.toISOString(),
        },
      };
    case 'policyholder':
      return {
        type: 'contract.policyholder-changed',
        aggregateId,
        payload: {
          ...common,
          previousPolicyholderId: policy.policyholderId,
          policyholderId: changed.policyholderId,
          payerId: changed.payerId,
          insuredRelationship: change.insuredRelationship,
          changedAt: now.toISOString(),
        },
      };
    default:
      return {
        type: 'contract.policy-endorsed',
        aggregateId,
        payload: {
          ...common,
          kind: change.kind,
          premiumEffectFen,
          sumInsuredFen: changed.sumInsuredFen,
          premiumFen: changed.premiumFen,
          ...(change.kind === 'beneficiary' ? { beneficiaries: changed.beneficiaries } : {}),
          endorsedAt: now.toISOString(),
        },
      };
  }
}

function endorsed(
  policy: PolicyState,
  change: Endorsement,
  product: ProductDefinition,
  today: CalendarDate,
): Partial<PolicyState> {
  switch (change.kind) {
    case 'beneficiary': {
      checkBeneficiaryChange(
        policy,
        {
          beneficiaries: change.beneficiaries,
          changedBy: change.changedBy ?? 'policyholder',
          insuredConsent: change.insuredConsent ?? null,
        },
        today,
      );
      return { beneficiaries: change.beneficiaries };
    }
    case 'pledge':
      checkPledge(policy, change.insuredConsent ?? null, paysOnDeath(product.coverages));
      return {
        pledge: { pledgee: change.pledgee, reference: change.reference, pledgedOn: change.effectiveDate },
      };
    case 'pledge_release':
      checkRelease(policy, change.reference);
      return { pledge: null };
    case 'policyholder':
      assertNotPledged(policy, 'transferred');
      checkPolicyholderChange(
        policy,
        {
          ...change,
          insuredConsent: change.insuredConsent ?? null,
          newPolicyholder: change.newPolicyholder ?? null,
        },
        paysOnDeath(product.coverages),
        today,
      );
      // The new policyholder holds and pays for the policy from the change.
      return {
        policyholderId: change.newPolicyholderId,
        payerId: change.newPolicyholderId,
        insuredRelationship: change.insuredRelationship,
      };
    case 'contact':
      return { contact: { ...policy.contact, ...change.contact } };
    case 'payment_mode':
      return newPaymentMode(policy, change.paymentMode, product);
    case 'sum_insured_decrease': {
      const min = product.sumInsuredRangeFen?.min ?? 0;
      if (change.sumInsuredFen >= policy.sumInsuredFen || change.sumInsuredFen < min) {
        throw new PolicyRuleError(
          'ENDORSEMENT.SUM_INSURED',
          `the new sum insured must be below ${policy.sumInsuredFen / 100} and at least ${min / 100} yuan`,
          { params: { currentYuan: policy.sumInsuredFen / 100, minYuan: min / 100 } },
        );
      }
      // Premiums are proportional to the sum insured in every rate table, loadings included.
      return {
        annualPremiumFen: Math.round((policy.annualPremiumFen * change.sumInsuredFen) / policy.sumInsuredFen),
        premiumFen: Math.round((policy.premiumFen * change.sumInsuredFen) / policy.sumInsuredFen),
        sumInsuredFen: change.sumInsuredFen,
      };
    }
  }
}

/** A new payment mode from an anniversary with the year fully paid, at the product's modal factor. */
function newPaymentMode(
  policy: PolicyState,
  mode: PaymentMode,
  product: ProductDefinition,
): Partial<PolicyState> {
  const factor = product.rates?.modalFactorsBp[mode];
  if (!product.paymentModes.includes(mode) || factor === undefined)
    throw new PolicyRuleError('ENDORSEMENT.PAYMENT_MODE', `the product does not offer ${mode} payment`, {
      params: { mode },
    });
  if (policy.paymentMode === 'single' || mode === 'single')
    throw new PolicyRuleError(
      'ENDORSEMENT.PAYMENT_MODE',
      'a single premium cannot be changed to or from instalments',
      { params: { mode: 'single_switch' } },
    );
  const perYearOld = 12 / MONTHS_BETWEEN[policy.paymentMode];
  if (policy.instalmentsPaid % perYearOld !== 0) {
    throw new PolicyRuleError(
      'ENDORSEMENT.NOT_ANNIVERSARY',
      'the payment mode changes at a policy anniversary, when the year is fully paid',
    );
  }
  const instalmentsPaid = (policy.instalmentsPaid / perYearOld) * (12 / MONTHS_BETWEEN[mode]);
  const total = totalInstalments(mode, policy.paymentTermYears);
  return {
    paymentMode: mode,
    premiumFen: Math.round((policy.annualPremiumFen * factor) / 10_000),
    totalInstalments: total,
    instalmentsPaid,
    nextDueOn: instalmentsPaid < total ? dueDate(policy.effectiveDate, mode, instalmentsPaid) : null,
  };
}

// ---------------------------------------------------------------- endings

/**
 * Any ending: the status, the day and the reason, no more premiums due, a version recording it, and the records'
 * retention restarted from the day. A withdrawal undoes the policy from its start; other endings take effect on the day.
 */
export function end(
  policy: PolicyState,
  status: PolicyStatus,
  on: CalendarDate,
  reason: string,
  events: PolicyEvent[],
): PolicyDecided {
  return {
    state: {
      ...policy,
      status,
      endedOn: on,
      endReason: reason,
      nextDueOn: null,
      version: policy.version + 1,
    },
    events,
    version: {
      kind: status,
      effectiveDate: status === 'withdrawn' ? policy.effectiveDate : on,
      premiumEffectFen: 0,
      createdBy: reason,
    },
    retentionFrom: on,
  };
}

/** Withdrawal inside the cooling-off period: everything paid comes back, less a policy fee of at most CNY 10. */
export function withdraw(policy: PolicyState, today: CalendarDate): PolicyDecided & { refund: Refund } {
  if (policy.status !== 'in_force') throw new PolicyStateError(policy, 'withdrawn');
  assertNotPledged(policy, 'withdrawn');
  if (!isInsideCoolingOff(policy.coolingOffEndsOn, today)) {
    throw new PolicyRuleError(
      'POLICY.COOLING_OFF_OVER',
      `the cooling-off period ended on ${policy.coolingOffEndsOn}; a surrender pays the cash value instead`,
      { source: ruleOf('POLICY.COOLING_OFF_OVER').source, params: { endsOn: policy.coolingOffEndsOn } },
    );
  }
  const { policyFeeFen, refundFen } = withdrawalRefund(policy.premiumsPaidFen);
  const refund = { premiumPaidFen: policy.premiumsPaidFen, policyFeeFen, refundFen, withdrawnOn: today };
  const decided = end(policy, 'withdrawn', today, 'cooling_off_withdrawal', [
    {
      type: 'contract.policy-withdrawn',
      aggregateId: policy.policyId,
      payload: {
        policyId: policy.policyId,
        policyholderId: policy.policyholderId,
        ...refund,
        issuedAt: policy.issuedAt.toISOString(),
      },
    },
  ]);
  return { ...decided, refund };
}

export interface Refund {
  premiumPaidFen: number;
  policyFeeFen: number;
  refundFen: number;
  withdrawnOn: CalendarDate;
}

export interface SurrenderValue {
  policyYearsCompleted: number;
  cashValueFen: number;
  /** A policy loan with its interest, settled from the cash value. */
  loanDeductedFen: number;
  netPayableFen: number;
  surrenderedOn: CalendarDate;
  refundDueOn: CalendarDate;
}

/**
 * Surrender after cooling-off: the cash value of the policy's own product version less any loan and its interest,
 * payable within 30 days. Also how a policy ends when its loan has reached the cash value and the notice ran out.
 */
export function surrender(
  policy: PolicyState,
  product: ProductDefinition,
  today: CalendarDate,
  reason: 'policyholder_request' | 'loan_exceeds_cash_value' = 'policyholder_request',
): PolicyDecided & { value: SurrenderValue } {
  if (!ACTIVE.includes(policy.status)) throw new PolicyStateError(policy, 'surrendered');
  // The insurer's own ending (a loan grown to the cash value) is the contract's term and goes ahead.
  if (reason === 'policyholder_request') assertNotPledged(policy, 'surrendered');
  if (isInsideCoolingOff(policy.coolingOffEndsOn, today)) {
    throw new PolicyRuleError(
      'POLICY.INSIDE_COOLING_OFF',
      `until ${policy.coolingOffEndsOn} the policy is withdrawn, with the premium refunded`,
      { params: { endsOn: policy.coolingOffEndsOn } },
    );
  }
  const { policyYearsCompleted, cashValueFen } = cashValueOf(policy, product, today);
  const loanDeductedFen = policy.loan ? Math.min(cashValueFen, loanOwed(policy.loan, today).totalFen) : 0;
  const netPayableFen = cashValueFen - loanDeductedFen;
  const refundDueOn = surrenderRefundDueOn(today);
  const decided = end(
    policy,
    'surrendered',
    today,
    reason === 'policyholder_request' ? 'surrender' : reason,
    [
      {
        type: 'contract.policy-surrendered',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          policyholderId: policy.policyholderId,
          cashValueFen,
          surrenderedOn: today,
          refundDueOn,
          ...(policy.loan ? { loanDeductedFen, netPayableFen } : {}),
          ...(reason === 'policyholder_request' ? {} : { reason }),
        },
      },
    ],
  );
  const surrenderRefund =
    netPayableFen > 0
      ? {
          amountFen: netPayableFen,
          dueOn: refundDueOn,
          paidAt: null,
          bankReference: null,
          overdueSince: null,
        }
      : null;
  return {
    ...decided,
    state: { ...decided.state, loan: null, surrenderRefund },
    value: {
      policyYearsCompleted,
      cashValueFen,
      loanDeductedFen,
      netPayableFen,
      surrenderedOn: today,
      refundDueOn,
    },
  };
}

/** The refund of a surrender paid: on time up to 24:00 of its 30th day, late after. Once. */
export function paySurrenderRefund(
  policy: PolicyState,
  payment: { paidAt: Date; bankReference: string },
): PolicyDecided {
  const refund = policy.surrenderRefund;
  if (!refund) throw new PolicyRuleError('REFUND.NONE', 'no surrender refund is owed on this policy');
  if (refund.paidAt !== null)
    throw new PolicyRuleError('REFUND.ALREADY_PAID', `the refund was paid at ${refund.paidAt}`, {
      params: { paidAt: refund.paidAt },
    });
  const paidAt = payment.paidAt.toISOString();
  return {
    state: { ...policy, surrenderRefund: { ...refund, paidAt, bankReference: payment.bankReference } },
    events: [
      {
        type: 'contract.surrender-refund-paid',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          policyholderId: policy.policyholderId,
          amountFen: refund.amountFen,
          dueOn: refund.dueOn,
          paidAt,
          late: shanghaiDate(payment.paidAt) > refund.dueOn,
        },
      },
    ],
  };
}

/** A surrender refund still unpaid after the last of its 30 days (Art. 47): announced once, for compliance. */
export function markSurrenderRefundOverdue(
  policy: PolicyState,
  today: CalendarDate,
  now: Date,
): PolicyDecided {
  const refund = policy.surrenderRefund;
  if (!refund || refund.paidAt !== null || refund.overdueSince !== null || today <= refund.dueOn)
    return { state: policy, events: [] };
  return {
    state: { ...policy, surrenderRefund: { ...refund, overdueSince: today } },
    events: [
      {
        type: 'contract.surrender-refund-overdue',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          policyholderId: policy.policyholderId,
          amountFen: refund.amountFen,
          dueOn: refund.dueOn,
          detectedAt: now.toISOString(),
        },
      },
    ],
  };
}

/** The cash value on a day, from the policy's own product version (entry age, gender, payment term). */
export function cashValueOf(
  policy: Pick<
    PolicyState,
    'entryAge' | 'insuredGender' | 'paymentTermYears' | 'effectiveDate' | 'sumInsuredFen'
  >,
  product: Pick<ProductDefinition, 'cashValues'>,
  on: CalendarDate,
): { policyYearsCompleted: number; cashValueFen: number } {
  const row = product.cashValues.find(
    (r) =>
      r.entryAge === policy.entryAge &&
      r.gender === policy.insuredGender &&
      r.paymentTermYears === policy.paymentTermYears,
  );
  return cashValueOn(row?.valuesPer1000Fen ?? [], policy.effectiveDate, on, policy.sumInsuredFen);
}

/** What a loan owes on a day, by the product's terms written down at the loan (shared with claims-svc). */
export function loanOwed(loan: PolicyLoan, on: CalendarDate): LoanBalance {
  return loanBalance(loan.principalFen, loan.annualRatePercent, loan.termMonths, loan.periodStart, on);
}

/** Rescission for non-disclosure (Art. 16), only inside its two windows. */
export function rescind(
  policy: PolicyState,
  learnedOn: CalendarDate,
  reason: string,
  today: CalendarDate,
): PolicyDecided {
  if (!ACTIVE.includes(policy.status)) throw new PolicyStateError(policy, 'rescinded');
  const window = rescissionAllowed(shanghaiDate(policy.issuedAt), learnedOn, today);
  if (!window.allowed)
    throw new PolicyRuleError(window.rule, window.message, {
      source: 'Insurance Law Art. 16',
      params: window.params,
    });
  return end(policy, 'terminated', today, `rescission: ${reason}`, [terminated(policy, 'rescission', today)]);
}

/** A paid claim that exhausts the policy (a death claim, or a medical limit used up) ends it; an ended one stays. */
export function terminateAfterClaim(
  policy: PolicyState,
  claimType: string,
  today: CalendarDate,
): PolicyDecided | null {
  if (!ACTIVE.includes(policy.status)) return null;
  const reason = claimType === 'death' ? 'death_claim' : 'limit_exhausted';
  return end(policy, 'terminated', today, reason, [terminated(policy, reason, today)]);
}

/** The coverage term is over: the policy ends on its expiry date. */
export function mature(policy: PolicyState): PolicyDecided {
  return end(policy, 'terminated', policy.expiryDate, 'maturity', [
    terminated(policy, 'maturity', policy.expiryDate),
  ]);
}

function terminated(
  policy: PolicyState,
  reason: 'rescission' | 'death_claim' | 'limit_exhausted' | 'maturity',
  on: CalendarDate,
): PolicyEvent {
  return {
    type: 'contract.policy-terminated',
    aggregateId: policy.policyId,
    payload: { policyId: policy.policyId, reason, terminatedOn: on },
  };
}

// ---------------------------------------------------------------- premiums

/** Premiums per policy year for the payment mode (a single premium is its one year). */
function perYear(mode: PaymentMode): number {
  return mode === 'single' ? 1 : 12 / MONTHS_BETWEEN[mode];
}

function nextDue(
  policy: Pick<PolicyState, 'effectiveDate' | 'paymentMode' | 'totalInstalments'>,
  paid: number,
) {
  return paid < policy.totalInstalments ? dueDate(policy.effectiveDate, policy.paymentMode, paid) : null;
}

/** A renewal premium for the next due date: the calendar moves on and any overdue state clears. */
export function payPremium(
  policy: PolicyState,
  payment: Omit<PremiumPaymentRecord, 'dueOn' | 'kind'>,
): PolicyDecided {
  if (policy.status !== 'in_force' || !policy.nextDueOn) {
    throw new PremiumRuleError(
      'PREMIUM.NOTHING_DUE',
      `policy ${policy.policyNumber} has no premium due (${policy.status})`,
      { params: { policyNumber: policy.policyNumber, status: policy.status } },
    );
  }
  if (payment.amountFen !== policy.premiumFen) {
    throw new PremiumRuleError('PREMIUM.AMOUNT_MISMATCH', `the premium due is ${policy.premiumFen} fen`, {
      extensions: { expectedFen: policy.premiumFen },
      params: { expectedYuan: policy.premiumFen / 100, paidYuan: payment.amountFen / 100 },
    });
  }
  const record: PremiumPaymentRecord = { ...payment, dueOn: policy.nextDueOn, kind: 'renewal' };
  const instalmentsPaid = policy.instalmentsPaid + 1;
  return {
    state: {
      ...policy,
      instalmentsPaid,
      premiumsPaidFen: policy.premiumsPaidFen + payment.amountFen,
      nextDueOn: nextDue(policy, instalmentsPaid),
      overdueSince: null,
      graceEndsOn: null,
      demandNoticeOn: null,
    },
    events: [
      premiumPaid(policy, record, Math.floor((instalmentsPaid - 1) / perYear(policy.paymentMode)) + 1),
    ],
    payment: record,
  };
}

function premiumPaid(
  policy: PolicyState,
  payment: PremiumPaymentRecord,
  policyYear: number,
  isFirstPremium = false,
): PolicyEvent {
  return {
    type: 'contract.premium-paid',
    aggregateId: policy.policyId,
    payload: {
      policyId: policy.policyId,
      paymentId: payment.paymentId,
      amountFen: payment.amountFen,
      dueOn: payment.dueOn,
      paidAt: payment.paidAt.toISOString(),
      method: payment.method,
      ...(payment.currency
        ? { currency: payment.currency, currencyAmountMinor: payment.currencyAmountMinor }
        : {}),
      payerId: payment.payerId,
      payerType: payment.payerType,
      payerIsPolicyholder: payment.payerId === policy.policyholderId,
      isFirstPremium,
      policyYear,
    },
  };
}

/** A premium not paid by its due date: the grace period starts (Art. 36). */
export function markOverdue(policy: PolicyState): PolicyDecided {
  const dueOn = policy.nextDueOn as CalendarDate;
  const graceEnds = graceEndsOn(dueOn);
  return {
    state: { ...policy, overdueSince: dueOn, graceEndsOn: graceEnds },
    events: [
      {
        type: 'contract.premium-overdue',
        aggregateId: policy.policyId,
        payload: { policyId: policy.policyId, amountFen: policy.premiumFen, dueOn, graceEndsOn: graceEnds },
      },
    ],
  };
}

/** Days after a demand notice until cover is suspended for the overdue premium (Art. 36). */
export const DEMAND_NOTICE_DAYS = 30;

/**
 * A demand notice (催告) for the overdue premium (Insurance Law Art. 36): cover is suspended once the premium is
 * unpaid 30 days after the notice or 60 days after its due date, whichever comes first. One notice per overdue
 * premium; only an overdue premium of a policy in force can be demanded.
 */
export function sendDemandNotice(
  policy: PolicyState,
  sentBy: string,
  today: CalendarDate,
  now: Date,
): PolicyDecided {
  if (policy.status !== 'in_force') throw new PolicyStateError(policy, 'sent a demand notice');
  if (!policy.overdueSince || !policy.graceEndsOn)
    throw new PolicyRuleError(
      'PREMIUM.NOT_OVERDUE',
      'no premium is overdue: a demand notice follows a missed due date',
    );
  if (policy.demandNoticeOn)
    throw new PolicyRuleError(
      'PREMIUM.DEMAND_ALREADY_SENT',
      `the premium was already demanded on ${policy.demandNoticeOn}`,
      { params: { demandedOn: policy.demandNoticeOn } },
    );
  const byNotice = addDays(today, DEMAND_NOTICE_DAYS);
  const graceEnds = byNotice < policy.graceEndsOn ? byNotice : policy.graceEndsOn;
  return {
    state: { ...policy, demandNoticeOn: today, graceEndsOn: graceEnds },
    events: [
      {
        type: 'contract.premium-demand-notice-sent',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          policyholderId: policy.policyholderId,
          amountFen: policy.premiumFen,
          dueOn: policy.overdueSince,
          noticeOn: today,
          graceEndsOn: graceEnds,
          sentBy,
          sentAt: now.toISOString(),
        },
      },
    ],
  };
}

/** The first day without cover for an overdue premium: the day after grace ends (still in force on its last day). */
export function suspendedFrom(policy: Pick<PolicyState, 'graceEndsOn'>): CalendarDate | null {
  return policy.graceEndsOn ? addDays(policy.graceEndsOn, 1) : null;
}

/** Grace over without the premium: cover is suspended from the next day, reinstatable for 2 years. */
export function lapse(policy: PolicyState): PolicyDecided {
  const graceEnded = policy.graceEndsOn as CalendarDate;
  const lapsedOn = suspendedFrom(policy) as CalendarDate;
  const until = reinstatableUntil(lapsedOn);
  return {
    state: { ...policy, status: 'suspended', lapsedOn, reinstatableUntil: until },
    events: [
      {
        type: 'contract.policy-lapsed',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          dueOn: policy.overdueSince as CalendarDate,
          graceEndedOn: graceEnded,
          reinstatableUntil: until,
        },
      },
    ],
  };
}

export interface Reinstatement {
  readonly arrearsPaidFen: number;
  readonly paidAt: string;
  readonly method: PaymentMethod;
  readonly healthAnswers: readonly { questionId: string; answer: boolean; details?: string }[];
}

/**
 * Reinstatement of a suspended policy within 2 years (Art. 37): every missed premium paid up and a new health
 * declaration; a declaration with any "yes" goes to an underwriter instead.
 */
export function reinstate(
  policy: PolicyState,
  input: Reinstatement,
  paymentId: string,
  today: CalendarDate,
): PolicyDecided {
  if (policy.status !== 'suspended' || !policy.reinstatableUntil)
    throw new PolicyStateError(policy, 'reinstated');
  if (today > policy.reinstatableUntil) {
    throw new PolicyRuleError(
      'REINSTATEMENT.TOO_LATE',
      `reinstatement was possible until ${policy.reinstatableUntil}`,
      { source: 'Insurance Law Art. 37', params: { until: policy.reinstatableUntil } },
    );
  }
  if (input.healthAnswers.length === 0)
    throw new PolicyRuleError('REINSTATEMENT.HEALTH_DECLARATION', 'a new health declaration is required');
  if (input.healthAnswers.some((a) => a.answer)) {
    throw new PolicyRuleError(
      'REINSTATEMENT.NEEDS_UNDERWRITING',
      'a declared condition needs an underwriter before reinstatement',
    );
  }
  let due = 0;
  while (
    policy.instalmentsPaid + due < policy.totalInstalments &&
    dueDate(policy.effectiveDate, policy.paymentMode, policy.instalmentsPaid + due) <= today
  ) {
    due += 1;
  }
  const arrears = due * policy.premiumFen;
  if (input.arrearsPaidFen !== arrears) {
    throw new PolicyRuleError('REINSTATEMENT.ARREARS', `the arrears are ${arrears} fen (${due} premiums)`, {
      extensions: { arrearsFen: arrears },
      params: { arrearsYuan: arrears / 100, due },
    });
  }
  const firstMissedYear =
    Math.floor(policy.instalmentsPaid / (12 / (MONTHS_BETWEEN[policy.paymentMode] || 12))) + 1;
  const instalmentsPaid = policy.instalmentsPaid + due;
  const payment: PremiumPaymentRecord = {
    paymentId,
    amountFen: arrears,
    dueOn: today,
    paidAt: new Date(input.paidAt),
    method: input.method,
    payerId: policy.payerId,
    payerType: 'individual',
    kind: 'arrears',
  };
  return {
    state: {
      ...policy,
      instalmentsPaid,
      premiumsPaidFen: policy.premiumsPaidFen + arrears,
      nextDueOn: nextDue(policy, instalmentsPaid),
      status: 'in_force',
      overdueSince: null,
      graceEndsOn: null,
      demandNoticeOn: null,
      lapsedOn: null,
      reinstatableUntil: null,
      version: policy.version + 1,
    },
    events: [
      premiumPaid(policy, payment, firstMissedYear),
      {
        type: 'contract.policy-reinstated',
        aggregateId: policy.policyId,
        payload: { policyId: policy.policyId, arrearsPaidFen: arrears, reinstatedOn: today },
      },
    ],
    version: { kind: 'reinstatement', effectiveDate: today, premiumEffectFen: 0, createdBy: 'reinstatement' },
    payment,
  };
}

// ---------------------------------------------------------------- who may act

/**
 * Staff act on any policy; a customer acts (withdraw, surrender, endorse, confirm) only as its policyholder, who owns
 * the contract.
 */
export function isOwnPolicy(who: { staff: boolean; customerId?: string }, policyholderId: string): boolean {
  return who.staff || who.customerId === policyholderId;
}

/**
 * Who changes the beneficiaries (Art. 41: the insured or the policyholder, by written notice): a customer as who they
 * are on the policy (the policyholder when they are both); staff record either's notice, the policyholder's unless
 * named. Null for a customer who is neither, or who names someone they are not.
 */
export function beneficiaryChanger(
  who: { staff: boolean; customerId?: string },
  policy: { policyholderId: string; insuredId: string },
  named: ChangedBy | undefined,
): ChangedBy | null {
  if (who.staff) return named ?? 'policyholder';
  const self = policy.policyholderId === policy.insuredId;
  const as: ChangedBy | null =
    who.customerId === policy.policyholderId
      ? 'policyholder'
      : who.customerId === policy.insuredId
        ? 'insured'
        : null;
  if (as === null || (named !== undefined && named !== as && !self)) return null;
  return as;
}

/** The policyholder and the insured may each see the policy; acting on it is the policyholder's alone (but Art. 41). */
export function mayViewPolicy(
  who: { staff: boolean; customerId?: string },
  policy: { policyholderId: string; insuredId: string },
): boolean {
  return isOwnPolicy(who, policy.policyholderId) || who.customerId === policy.insuredId;
}
