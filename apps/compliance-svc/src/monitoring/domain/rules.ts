import { addDays, shanghaiDate } from '@insurer/platform-time';
import {
  annualTraining,
  type AlertMessage,
  type AlertTextCode,
  type DomainEvent,
  type EventPayload,
  type TrainingFacts,
} from '@insurer/contracts';
import { said } from './alert-texts';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export type SubjectKind = 'customer' | 'salesperson' | 'policy' | 'claim' | 'ticket';

/** A rule version as stored: what it checks is its `kind`; its thresholds, severity and dates are data. */
export interface RuleVersion {
  readonly ruleId: string;
  readonly version: number;
  readonly kind: RuleKind;
  readonly description: string;
  readonly source: string;
  readonly severity: Severity;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export interface Finding {
  readonly subject: { kind: SubjectKind; id: string };
  /** The English line of `message`: the alert's summary, as its event carries it. */
  readonly summary: string;
  /** What the alert says, as a text's code and values, so each reader has it in their language. */
  readonly message: AlertMessage;
  /** Alerts with the same key are raised once: the event id for one-off breaches, a window for patterns. */
  readonly dedupeKey: string;
  /** A transaction to keep for the AML report. */
  readonly transaction?: AmlTransaction;
  /**
   * When the finding is about an earlier event than the one judged (a payment judged once its application is known):
   * that event's id, kept as evidence beside the judged one's, and when it happened.
   */
  readonly about?: { readonly eventId: string; readonly occurredAt: string };
}

/** What the large-value and suspicious transaction report carries of one transaction (PBoC Order 2016 No. 3). */
export interface AmlTransaction {
  readonly kind: 'large_value' | 'suspicious';
  /** In CNY fen: the booked amount (a foreign-currency payment's CNY equivalent). */
  readonly amountFen: number;
  /** Means of payment: cash, bank_transfer, card, direct_debit. */
  readonly method: string;
  /** The customer the transaction is for (their identity is resolved through customer-svc by this id). */
  readonly partyId: string;
  /** `in`: a premium received; `out`: a payout (refund, surrender, loan, benefit, claim). */
  readonly direction: 'in' | 'out';
  /** ISO 4217; a payment made in another currency than CNY keeps it, with its amount in minor units. */
  readonly currency: string;
  readonly currencyAmountMinor: number | null;
  /** The other side: the payer of a premium, the payee of a payout. */
  readonly counterparty: string | null;
  readonly policyId: string | null;
  /** What the transaction was: premium, withdrawal_refund, surrender_refund, policy_loan, benefit, claim_payment. */
  readonly purpose: string;
}

/** One money movement of a customer with the insurer, as the AML rules read it. */
export interface MoneyFlow {
  readonly partyId: string;
  readonly counterparty: string | null;
  readonly policyId: string;
  readonly direction: 'in' | 'out';
  readonly purpose: string;
  readonly amountFen: number;
  readonly method: string;
  readonly payerType: 'individual' | 'corporate';
  readonly currency: string;
  readonly currencyAmountMinor: number | null;
  readonly occurredAt: string;
}

/** A payout to a customer: the platform pays by bank transfer, never cash, in CNY. */
function payoutFlow(
  partyId: string,
  policyId: string,
  amountFen: number,
  purpose: string,
  at: string,
): MoneyFlow {
  return {
    partyId,
    counterparty: partyId,
    policyId,
    direction: 'out',
    purpose,
    amountFen,
    // Payouts go to the payee's bank account; the platform pays no cash.
    method: 'bank_transfer',
    payerType: 'individual',
    currency: 'CNY',
    currencyAmountMinor: null,
    occurredAt: at,
  };
}

/** Every premium and payout event as a money flow: premiums in, refunds, surrenders, loans, benefits, claims out. */
export function moneyFlowOf(event: DomainEvent): MoneyFlow | undefined {
  switch (event.type) {
    case 'contract.premium-paid': {
      const pay = event.payload;
      return {
        partyId: pay.payerId,
        counterparty: pay.payerId,
        policyId: pay.policyId,
        direction: 'in',
        purpose: 'premium',
        amountFen: pay.amountFen,
        method: pay.method,
        payerType: pay.payerType,
        currency: pay.currency ?? 'CNY',
        currencyAmountMinor: pay.currencyAmountMinor ?? null,
        occurredAt: pay.paidAt,
      };
    }
    case 'contract.policy-withdrawn':
      return payoutFlow(
        event.payload.policyholderId,
        event.payload.policyId,
        event.payload.refundFen,
        'withdrawal_refund',
        event.occurredAt,
      );
    case 'contract.surrender-refund-paid':
      return payoutFlow(
        event.payload.policyholderId,
        event.payload.policyId,
        event.payload.amountFen,
        'surrender_refund',
        event.payload.paidAt,
      );
    case 'contract.policy-loan-granted':
      return payoutFlow(
        event.payload.policyholderId,
        event.payload.policyId,
        event.payload.amountFen,
        'policy_loan',
        event.payload.grantedAt,
      );
    case 'contract.survival-benefit-paid':
      return payoutFlow(
        event.payload.insuredId,
        event.payload.policyId,
        event.payload.paidFen,
        'benefit',
        event.payload.paidAt,
      );
    case 'claims.claim-paid':
      return payoutFlow(
        event.payload.insuredId,
        event.payload.policyId,
        event.payload.amountFen,
        'claim_payment',
        event.payload.paidAt,
      );
    default:
      return undefined;
  }
}

/** US dollars per unit of each currency, for the USD 10,000 foreign-cash threshold (a rule parameter: `usdRates`). */
export const DEFAULT_USD_RATES: Readonly<Record<string, number>> = {
  USD: 1,
  HKD: 0.128,
  EUR: 1.08,
  GBP: 1.27,
  JPY: 0.0066,
  CNY: 0.138,
};

/**
 * The large-value threshold a flow is held against (PBoC Order 2016 No. 3): cash CNY 50,000 or, in a foreign
 * currency, the equivalent of USD 10,000 at the configured rate; transfers CNY 500,000 for individuals, 2,000,000
 * for companies. Returns whether the flow reaches it, and the threshold in CNY fen (for structuring).
 */
export function largeValue(
  flow: MoneyFlow,
  p: Readonly<Record<string, unknown>>,
): { reached: boolean; thresholdFen: number } {
  if (flow.method === 'cash' && flow.currency !== 'CNY') {
    const rates = { ...DEFAULT_USD_RATES, ...((p.usdRates as Record<string, number> | undefined) ?? {}) };
    const rate = rates[flow.currency];
    const usdCents =
      rate === undefined || flow.currencyAmountMinor === null ? null : flow.currencyAmountMinor * rate;
    const thresholdUsdCents = num(p, 'foreignCashUsdCents', 1_000_000);
    // An unknown currency cannot be converted: it is held against the CNY threshold by its booked amount.
    if (usdCents === null)
      return {
        reached: flow.amountFen >= num(p, 'cashFen', 5_000_000),
        thresholdFen: num(p, 'cashFen', 5_000_000),
      };
    return { reached: usdCents >= thresholdUsdCents, thresholdFen: num(p, 'cashFen', 5_000_000) };
  }
  const thresholdFen =
    flow.method === 'cash'
      ? num(p, 'cashFen', 5_000_000)
      : flow.payerType === 'corporate'
        ? num(p, 'corporateTransferFen', 200_000_000)
        : num(p, 'individualTransferFen', 50_000_000);
  return { reached: flow.amountFen >= thresholdFen, thresholdFen };
}

function reportable(flow: MoneyFlow, kind: AmlTransaction['kind']): AmlTransaction {
  return {
    kind,
    amountFen: flow.amountFen,
    method: flow.method,
    partyId: flow.partyId,
    direction: flow.direction,
    currency: flow.currency,
    currencyAmountMinor: flow.currencyAmountMinor,
    counterparty: flow.counterparty,
    policyId: flow.policyId,
    purpose: flow.purpose,
  };
}

/** A third party's premium kept until the application stating the payer's relationship is known. */
export interface AwaitingPremium {
  readonly eventId: string;
  readonly paymentId: string;
  readonly payerId: string;
  readonly amountFen: number;
  readonly flow: MoneyFlow;
  readonly relationship: string | null;
}

/** The relationship an application states for a payer: only for the payer it names (none for anyone else). */
export function statedRelationship(
  application: { payerId: string | null; relationship: string | null } | undefined,
  payerId: string,
): string | null {
  return application?.payerId === payerId ? application.relationship : null;
}

/** What the qualification rule reads of a salesperson. */
export interface SalespersonFacts {
  readonly grade: string | null;
  /** The highest product risk grade the grade may sell; known only from a sale's carried standing. */
  readonly maxProductGrade?: string | null;
  readonly licenceValidUntil: string | null;
  readonly training: TrainingFacts;
  readonly status: string;
}

const DAY_MS = 86_400_000;

/**
 * Every window of length `span` that holds the item at `at`, with the items in each. A window is taken as ending at
 * one of its items, (end - span, end]; those holding `at` end at it or at a later item less than a span after it. A
 * rule over windows judges all of them with each item: the party's items come under different keys (other
 * policies), in no set order, so a later item may have been applied first and its window judged without this one.
 */
function windowsHolding<T extends { readonly at: number }>(
  items: readonly T[],
  at: number,
  span: number,
): { end: number; items: T[] }[] {
  return [...new Set(items.map((i) => i.at))]
    .filter((end) => end >= at && end < at + span)
    .map((end) => ({ end, items: items.filter((i) => i.at > end - span && i.at <= end) }));
}

/** R1..R5 as 1..5. */
function riskGradeRank(grade: string): number {
  return Number(grade.slice(1));
}

/** A sale's carried standing as the qualification rule reads a salesperson. */
function standingOf(
  carried: NonNullable<EventPayload<'sales.quote-issued'>['salespersonStanding']>,
): SalespersonFacts {
  return {
    grade: carried.grade,
    // Absent from a standing sent before the field was (a minor addition in the same contract version).
    maxProductGrade: carried.maxProductGrade,
    licenceValidUntil: carried.licenceValidUntil,
    training: { hoursByYear: carried.trainingHoursByYear, serviceStartedOn: carried.serviceStartedOn },
    status: carried.status,
  };
}

/** What rules over time windows and other services' facts need, read from compliance-svc's own tables. */
export interface RuleContext {
  readonly salesperson?: (id: string) => SalespersonFacts | undefined;
  /**
   * The days of the same policyholder's surrenders (one per policy, this one included) from a window before this
   * one's day to a window after it: every window that holds this surrender is made of them.
   */
  readonly surrendersAround?: readonly string[];
  /** Endorsements of the same policy in the window before (and including) this one. */
  readonly endorsementsInWindow?: number;
  /** Premium paid for the policy, and when it was issued, for withdrawal patterns. */
  readonly issuedAt?: string;
  /** The relationship the application stated between a premium's payer and the policyholder; null when none. */
  readonly payerRelationship?: string | null;
  /**
   * For a premium by a third party, what compliance knows of the application that states whom the policyholder
   * expects to pay: `policy-unknown` before the policy's issue (which links it to its application) is applied,
   * `application-unknown` before the application is (it comes on sales-svc's topic).
   */
  readonly payerStatement?: 'known' | 'policy-unknown' | 'application-unknown';
  /**
   * For an issued policy or a submitted application: the premiums of its policy paid by someone other than the
   * policyholder that came before the application's statement was known, each with the relationship the application
   * states for its payer (null when it names someone else).
   */
  readonly premiumsAwaitingStatement?: readonly AwaitingPremium[];
  /**
   * The party's flows in the same direction less than a structuring window before or after this one, this one
   * included: every window that holds this flow is made of them.
   */
  readonly flowsAround?: readonly { amountFen: number; occurredAt: string }[];
  /**
   * For an event declaring a customer's income: the applications compliance holds in which they are the
   * policyholder, submitted since the income was declared, each with its premium for a year (none for applications
   * kept before that was recorded).
   */
  readonly applicationsOfPolicyholder?: readonly { applicationId: string; annualPremiumFen: number }[];
  /** When the policyholder's identity verification last failed, if it did. */
  readonly identityRejectedAt?: string | null;
  /**
   * For a failed identity verification: the applications compliance already holds with that customer as policyholder,
   * submitted from the day before the failure to the rule's window after it. The two facts come from different
   * services' topics, so the application may be applied first.
   */
  readonly applicationsAround?: readonly { applicationId: string; submittedAt: string }[];
  /** The policyholder's declared annual income, in fen. */
  readonly declaredIncomeFen?: number | null;
  /** For a policy passed to a new policyholder: whether compliance has seen that customer's identity verified. */
  readonly newPolicyholderVerified?: boolean;
}

export type RuleKind =
  | 'sale_above_risk_level'
  | 'dual_recording_missing'
  | 'salesperson_not_qualified'
  | 'return_visit_overdue'
  | 'claim_deadline_breached'
  | 'surrender_refund_late'
  | 'complaint_deadline_breached'
  | 'departure_notice_overdue'
  | 'aml_large_value'
  | 'aml_quick_withdrawal'
  | 'aml_third_party_payer'
  | 'aml_bulk_surrender'
  | 'aml_structuring'
  | 'aml_identity_then_purchase'
  | 'aml_premium_over_income'
  | 'frequent_changes'
  | 'aml_transfer_unverified';

const num = (params: Readonly<Record<string, unknown>>, key: string, fallback: number) =>
  typeof params[key] === 'number' ? (params[key] as number) : fallback;

const levelNumber = (level: string | null) => (level ? Number(level.slice(1)) : 0);

/** Premiums a year by payment mode; a single premium counts once. */
const PAYMENTS_PER_YEAR = { single: 1, annual: 1, semi_annual: 2, quarterly: 4, monthly: 12 } as const;

/** Whether a rule version applies to an event that happened on `date` (Asia/Shanghai). */
export function isEffective(rule: RuleVersion, date: string): boolean {
  return date >= rule.effectiveFrom && (rule.effectiveTo === null || date <= rule.effectiveTo);
}

/**
 * Checks one event against one rule version. Pure: the facts a rule needs beyond the event come in `ctx`, read from
 * the service's own tables (which keep window state in Postgres).
 */
export function evaluate(rule: RuleVersion, event: DomainEvent, ctx: RuleContext = {}): Finding[] {
  const p = rule.parameters;
  switch (rule.kind) {
    case 'sale_above_risk_level': {
      if (event.type !== 'sales.application-submitted') return [];
      const a = event.payload;
      const day = shanghaiDate(new Date(a.submittedAt));
      const above = levelNumber(a.customerRiskLevel) < Number(a.productRiskGrade.slice(1));
      const expired = a.riskLevelValidUntil !== null && a.riskLevelValidUntil < day;
      if (!above && !expired) return [];
      return [
        {
          subject: { kind: 'customer', id: a.policyholderId },
          ...(expired
            ? said('assessmentExpired', { applicationId: a.applicationId, validUntil: a.riskLevelValidUntil })
            : said('aboveRiskLevel', {
                applicationId: a.applicationId,
                productGrade: a.productRiskGrade,
                customerLevel: a.customerRiskLevel ?? 'unassessed',
              })),
          dedupeKey: `${rule.ruleId}:${a.applicationId}`,
        },
      ];
    }
    case 'dual_recording_missing': {
      if (event.type !== 'sales.application-submitted') return [];
      const a = event.payload;
      if (!a.dualRecordingRequired || a.dualRecording !== null) return [];
      return [
        {
          subject: { kind: 'salesperson', id: a.salespersonId },
          ...said('recordingMissing', { applicationId: a.applicationId }),
          dedupeKey: `${rule.ruleId}:${a.applicationId}`,
        },
      ];
    }
    case 'salesperson_not_qualified': {
      if (event.type !== 'sales.application-submitted' && event.type !== 'sales.quote-issued') return [];
      const id = event.payload.salespersonId;
      // The standing the sale carries is the salesperson as of the sale; compliance's replica of their registration
      // only for a sale from an older producer (the registration comes under another key, so maybe not yet).
      const carried = event.payload.salespersonStanding;
      const person = carried ? standingOf(carried) : ctx.salesperson?.(id);
      const day = shanghaiDate(new Date(event.occurredAt));
      const problems: AlertMessage[] = [];
      const problem = (code: AlertTextCode, values: AlertMessage['values'] = {}) =>
        problems.push({ code, values });
      if (!person) problem('unknownSalesperson');
      else {
        if (!person.grade) problem('ungraded');
        if (!person.licenceValidUntil || person.licenceValidUntil < day) problem('unlicensed');
        if (!annualTraining(person.training, day, num(p, 'minTrainingHours', 30)).met)
          problem('undertrained');
        if (person.status !== 'active') problem('salespersonStatus', { status: person.status });
        // An application names its product's risk grade; the grading gives each salesperson grade a ceiling.
        const ceiling = person.maxProductGrade;
        if (
          event.type === 'sales.application-submitted' &&
          ceiling &&
          riskGradeRank(event.payload.productRiskGrade) > riskGradeRank(ceiling)
        )
          problem('aboveGradeAuthority', {
            grade: person.grade,
            ceiling,
            productGrade: event.payload.productRiskGrade,
          });
      }
      if (problems.length === 0) return [];
      const ref = event.type === 'sales.quote-issued' ? event.payload.quoteId : event.payload.applicationId;
      return [
        {
          subject: { kind: 'salesperson', id },
          ...said('salespersonNotQualified', { salespersonId: id }, problems),
          dedupeKey: `${rule.ruleId}:${ref}`,
        },
      ];
    }
    case 'return_visit_overdue': {
      if (event.type !== 'sales.return-visit-overdue') return [];
      const v = event.payload;
      return [
        {
          subject: { kind: 'policy', id: v.policyId },
          ...said('returnVisitOverdue', { policyId: v.policyId, dueOn: v.dueOn }),
          dedupeKey: `${rule.ruleId}:${v.visitId}`,
        },
      ];
    }
    case 'claim_deadline_breached': {
      if (event.type !== 'claims.deadline-breached') return [];
      const timers = (p.timers as string[] | undefined) ?? [
        'decision',
        'rejection_notice',
        'payment',
        'advance_payment',
      ];
      if (!timers.includes(event.payload.timer)) return [];
      const c = event.payload;
      return [
        {
          subject: { kind: 'claim', id: c.claimId },
          ...said('claimDeadlinePassed', { claimId: c.claimId, timer: c.timer, dueOn: c.dueOn }),
          dedupeKey: `${rule.ruleId}:${c.claimId}:${c.timer}`,
        },
      ];
    }
    case 'surrender_refund_late': {
      if (event.type !== 'contract.surrender-refund-overdue') return [];
      const r = event.payload;
      return [
        {
          subject: { kind: 'policy', id: r.policyId },
          ...said('surrenderRefundLate', {
            policyId: r.policyId,
            amountYuan: r.amountFen / 100,
            dueOn: r.dueOn,
          }),
          dedupeKey: `${rule.ruleId}:${r.policyId}`,
        },
      ];
    }
    case 'complaint_deadline_breached': {
      if (event.type !== 'customer.complaint-deadline-breached') return [];
      const t = event.payload;
      return [
        {
          subject: { kind: 'ticket', id: t.ticketId },
          ...said('complaintUnanswered', { ticketId: t.ticketId, dueOn: t.dueOn }),
          dedupeKey: `${rule.ruleId}:${t.ticketId}`,
        },
      ];
    }
    case 'aml_large_value': {
      const flow = moneyFlowOf(event);
      if (!flow || !largeValue(flow, p).reached) return [];
      return [
        {
          subject: { kind: 'customer', id: flow.partyId },
          ...said('largeValue', {
            method: flow.method,
            direction: flow.direction,
            purpose: flow.purpose,
            amountYuan: flow.amountFen / 100,
            currency: flow.currency,
            currencyAmount: (flow.currencyAmountMinor ?? 0) / 100,
            policyId: flow.policyId,
          }),
          // A premium by its payment id (a replayed payment event is the same payment); a payout by its event.
          dedupeKey: `${rule.ruleId}:${event.type === 'contract.premium-paid' ? event.payload.paymentId : event.eventId}`,
          transaction: reportable(flow, 'large_value'),
        },
      ];
    }
    case 'aml_quick_withdrawal': {
      if (event.type !== 'contract.policy-withdrawn') return [];
      const w = event.payload;
      const withinDays = num(p, 'withinDays', 15);
      const issuedOn = shanghaiDate(new Date(w.issuedAt));
      if (
        w.premiumPaidFen < num(p, 'minPremiumFen', 20_000_000) ||
        w.withdrawnOn > addDays(issuedOn, withinDays)
      )
        return [];
      return [
        {
          subject: { kind: 'customer', id: w.policyholderId },
          ...said('quickWithdrawal', {
            policyId: w.policyId,
            withdrawnOn: w.withdrawnOn,
            premiumYuan: w.premiumPaidFen / 100,
          }),
          dedupeKey: `${rule.ruleId}:${w.policyId}`,
          transaction: reportable(moneyFlowOf(event) as MoneyFlow, 'suspicious'),
        },
      ];
    }
    case 'aml_third_party_payer': {
      // contract-svc publishes a first premium just before its policy's issue, and the application comes on another
      // topic: a payment is judged when the later of the three is applied (one key per payment, so one alert either
      // way). A renewal of a policy compliance never saw issued is judged at once, as paid with no statement.
      const minFen = num(p, 'minAmountFen', 1_000_000);
      if (event.type === 'contract.premium-paid') {
        const pay = event.payload;
        const statement = ctx.payerStatement;
        const awaited =
          statement === 'application-unknown' || (statement === 'policy-unknown' && pay.isFirstPremium);
        if (pay.payerIsPolicyholder || awaited) return [];
        const payment = { ...pay, flow: moneyFlowOf(event) as MoneyFlow };
        const found = thirdPartyPayer(rule.ruleId, minFen, payment, ctx.payerRelationship ?? null);
        return found ? [found] : [];
      }
      return (ctx.premiumsAwaitingStatement ?? []).flatMap((awaiting) => {
        const found = thirdPartyPayer(rule.ruleId, minFen, awaiting, awaiting.relationship);
        return found
          ? [{ ...found, about: { eventId: awaiting.eventId, occurredAt: awaiting.flow.occurredAt } }]
          : [];
      });
    }
    case 'aml_bulk_surrender': {
      if (event.type !== 'contract.policy-surrendered') return [];
      const s = event.payload;
      const minSurrenders = num(p, 'minSurrenders', 3);
      const windowDays = num(p, 'windowDays', 30);
      // Calendar days, both ends counted: a window of `windowDays` days back from its last surrender's day.
      const days = (ctx.surrendersAround ?? []).map((day) => ({ at: Date.parse(day) }));
      const findings = new Map<string, Finding>();
      for (const window of windowsHolding(days, Date.parse(s.surrenderedOn), (windowDays + 1) * DAY_MS)) {
        // Keyed as in order: by the month of the surrender the window ends on.
        const dedupeKey = `${rule.ruleId}:${s.policyholderId}:${new Date(window.end).toISOString().slice(0, 7)}`;
        if (window.items.length < minSurrenders || findings.has(dedupeKey)) continue;
        findings.set(dedupeKey, {
          subject: { kind: 'customer', id: s.policyholderId },
          ...said('bulkSurrender', { count: window.items.length, windowDays }),
          dedupeKey,
          transaction: reportable(
            payoutFlow(
              s.policyholderId,
              s.policyId,
              s.netPayableFen ?? s.cashValueFen,
              'surrender',
              event.occurredAt,
            ),
            'suspicious',
          ),
        });
      }
      return [...findings.values()];
    }
    case 'aml_structuring': {
      // Splitting: several payments (or payouts) of one party within a few days, each under the large-value threshold,
      // together at or over it: buying in pieces, or taking money out in pieces.
      const flow = moneyFlowOf(event);
      if (!flow) return [];
      const totalFen = num(p, 'totalFen', 5_000_000);
      const minCount = num(p, 'minCount', 3);
      const windowDays = num(p, 'windowDays', 7);
      const around = (ctx.flowsAround ?? []).map((f) => ({
        amountFen: f.amountFen,
        at: Date.parse(f.occurredAt),
      }));
      const findings = new Map<string, Finding>();
      for (const { items: inWindow } of windowsHolding(
        around,
        Date.parse(flow.occurredAt),
        windowDays * DAY_MS,
      )) {
        const total = inWindow.reduce((sum, f) => sum + f.amountFen, 0);
        if (inWindow.length < minCount || total < totalFen) continue;
        if (inWindow.some((f) => f.amountFen >= totalFen)) continue;
        const first = Math.min(...inWindow.map((f) => f.at));
        const dedupeKey = `${rule.ruleId}:${flow.partyId}:${flow.direction}:${shanghaiDate(new Date(first))}`;
        if (findings.has(dedupeKey)) continue;
        findings.set(dedupeKey, {
          subject: { kind: 'customer', id: flow.partyId },
          ...said('structuring', {
            count: inWindow.length,
            direction: flow.direction,
            windowDays,
            thresholdYuan: totalFen / 100,
            totalYuan: total / 100,
          }),
          dedupeKey,
          transaction: { ...reportable(flow, 'suspicious'), amountFen: total },
        });
      }
      return [...findings.values()];
    }
    case 'aml_identity_then_purchase': {
      // Whichever of the two facts is applied second finds the first, so the order the topics deliver them in does
      // not matter; both find the same alert (one key per application).
      const windowDays = num(p, 'windowDays', 30);
      if (event.type === 'sales.application-submitted') {
        const a = event.payload;
        const found = ctx.identityRejectedAt
          ? identityThenPurchase(rule.ruleId, windowDays, ctx.identityRejectedAt, a.policyholderId, a)
          : undefined;
        return found ? [found] : [];
      }
      if (event.type === 'customer.identity-rejected') {
        const { customerId, rejectedAt } = event.payload;
        return (ctx.applicationsAround ?? []).flatMap(
          (a) => identityThenPurchase(rule.ruleId, windowDays, rejectedAt, customerId, a) ?? [],
        );
      }
      return [];
    }
    case 'aml_premium_over_income': {
      // Judged by whichever of the application and the income the policyholder declared (at registration, or changed
      // since) is applied second: they come on different services' topics, in no set order. One alert per
      // application.
      const multiple = num(p, 'maxIncomeMultiple', 1);
      if (event.type === 'sales.application-submitted') {
        const a = event.payload;
        const found = premiumOverIncome(
          rule.ruleId,
          multiple,
          a.policyholderId,
          { applicationId: a.applicationId, annualPremiumFen: annualPremiumFen(a) },
          ctx.declaredIncomeFen,
        );
        return found ? [found] : [];
      }
      const declared = declaredIncomeOf(event);
      if (!declared) return [];
      return (ctx.applicationsOfPolicyholder ?? []).flatMap(
        (a) => premiumOverIncome(rule.ruleId, multiple, declared.customerId, a, declared.incomeFen) ?? [],
      );
    }
    case 'frequent_changes': {
      // Every new version of the contract counts: an endorsement or a new policyholder.
      if (event.type !== 'contract.policy-endorsed' && event.type !== 'contract.policyholder-changed')
        return [];
      const e = event.payload;
      const changes = ctx.endorsementsInWindow ?? 0;
      if (changes < num(p, 'minChanges', 3)) return [];
      return [
        {
          subject: { kind: 'policy', id: e.policyId },
          ...said('frequentChanges', {
            count: changes,
            policyId: e.policyId,
            windowDays: num(p, 'windowDays', 90),
          }),
          dedupeKey: `${rule.ruleId}:${e.policyId}:${e.policyVersion}`,
        },
      ];
    }
    case 'aml_transfer_unverified': {
      // Due diligence on whoever the policy passes to: an identity the platform has not verified is the red flag.
      if (event.type !== 'contract.policyholder-changed' || ctx.newPolicyholderVerified !== false) return [];
      const e = event.payload;
      return [
        {
          subject: { kind: 'customer', id: e.policyholderId },
          ...said('transferUnverified', { policyId: e.policyId, customerId: e.policyholderId }),
          dedupeKey: `${rule.ruleId}:${e.policyId}:${e.policyVersion}`,
        },
      ];
    }
    case 'departure_notice_overdue':
      // Checked by the deadline sweep over notice tasks, not per event.
      return [];
  }
}

/**
 * A premium of at least `minFen` from a payer the application does not name with a relationship (spouse, parent,
 * employer...): expected payers are named; the red flag is a third party with none, or only "other".
 */
function thirdPartyPayer(
  ruleId: string,
  minFen: number,
  payment: Pick<AwaitingPremium, 'paymentId' | 'payerId' | 'amountFen' | 'flow'>,
  relationship: string | null,
): Finding | undefined {
  if (payment.amountFen < minFen || (relationship && relationship !== 'other')) return undefined;
  return {
    subject: { kind: 'policy', id: payment.flow.policyId },
    ...said('thirdPartyPayer', { amountYuan: payment.amountFen / 100, payerId: payment.payerId }),
    dedupeKey: `${ruleId}:${payment.paymentId}`,
    transaction: reportable(payment.flow, 'suspicious'),
  };
}

/**
 * The annual income a customer event declares, and from when: a registration's (null when it states none), or a
 * profile update's that changes it. Undefined for any other event.
 */
export function declaredIncomeOf(
  event: DomainEvent,
): { customerId: string; incomeFen: number | null; since: string } | undefined {
  if (event.type === 'customer.customer-registered')
    return {
      customerId: event.payload.customerId,
      incomeFen: event.payload.annualIncomeFen ?? null,
      since: event.payload.registeredAt,
    };
  if (event.type === 'customer.profile-updated' && event.payload.facts.annualIncomeFen !== undefined)
    return {
      customerId: event.payload.customerId,
      incomeFen: event.payload.facts.annualIncomeFen,
      since: event.payload.updatedAt,
    };
  return undefined;
}

/** A year's premiums of an application: what its policyholder's declared income is set against. */
export function annualPremiumFen(application: {
  premiumFen: number;
  paymentMode: keyof typeof PAYMENTS_PER_YEAR;
}): number {
  return application.premiumFen * PAYMENTS_PER_YEAR[application.paymentMode];
}

function premiumOverIncome(
  ruleId: string,
  multiple: number,
  policyholderId: string,
  application: { applicationId: string; annualPremiumFen: number },
  incomeFen: number | null | undefined,
): Finding | undefined {
  if (!incomeFen || incomeFen <= 0) return undefined;
  const annual = application.annualPremiumFen;
  if (annual <= incomeFen * multiple) return undefined;
  return {
    subject: { kind: 'customer', id: policyholderId },
    ...said('premiumOverIncome', {
      applicationId: application.applicationId,
      annualYuan: annual / 100,
      incomeYuan: incomeFen / 100,
    }),
    dedupeKey: `${ruleId}:${application.applicationId}`,
  };
}

/** An application made on the day of a failed identity verification or within `windowDays` after it (Shanghai days). */
function identityThenPurchase(
  ruleId: string,
  windowDays: number,
  rejectedAt: string,
  policyholderId: string,
  application: { applicationId: string; submittedAt: string },
): Finding | undefined {
  const rejectedOn = shanghaiDate(new Date(rejectedAt));
  const submittedOn = shanghaiDate(new Date(application.submittedAt));
  if (rejectedOn > submittedOn || addDays(rejectedOn, windowDays) < submittedOn) return undefined;
  return {
    subject: { kind: 'customer', id: policyholderId },
    ...said('identityThenPurchase', {
      applicationId: application.applicationId,
      when: rejectedOn === submittedOn ? 'same_day' : 'later',
      windowDays,
      rejectedOn,
    }),
    dedupeKey: `${ruleId}:${application.applicationId}`,
  };
}
