import { addMonths } from '@insurer/platform-time';

/** The facts KPIs are computed from, as the projections keep them (dates are Asia/Shanghai calendar dates). */
export interface PolicyFact {
  policyId: string;
  productCode: string | null;
  channel: string | null;
  salespersonId: string | null;
  issuedOn: string | null;
  paymentMode: string | null;
  firstPremiumFen: number;
  quoteId: string | null;
  withdrawnOn: string | null;
  endedOn: string | null;
  /** Regular premiums paid for policy year 2 or later: the 13th-month premium came in. */
  renewedYear2: boolean;
}

export interface QuoteFact {
  quoteId: string;
  productCode: string;
  channel: string;
  salespersonId: string;
  issuedOn: string;
}

export interface VisitFact {
  visitId: string;
  salespersonId: string | null;
  productCode: string | null;
  channel: string | null;
  dueOn: string;
  succeeded: boolean | null;
}

export interface ClaimFact {
  claimId: string;
  productCode: string | null;
  channel: string | null;
  salespersonId: string | null;
  reportedOn: string | null;
  decidedOn: string | null;
  paidOn: string | null;
  paidFen: number;
  decisionLate: boolean;
  paymentLate: boolean;
  /** Added with the claims-ageing view; null on rows projected before it until the next rebuild. */
  decision?: 'approve' | 'reject' | null;
  decisionDueOn?: string | null;
  paymentDueOn?: string | null;
}

export interface PremiumFact {
  paymentId: string;
  productCode: string | null;
  channel: string | null;
  salespersonId: string | null;
  paidOn: string;
  amountFen: number;
}

export interface ComplaintFact {
  ticketId: string;
  productCode: string | null;
  channel: string | null;
  salespersonId: string | null;
  openedOn: string;
}

export interface SurveyFact {
  surveyId: string;
  productCode: string | null;
  channel: string | null;
  salespersonId: string | null;
  answeredOn: string;
  csat: number;
  nps: number;
}

export interface AlertFact {
  alertId: string;
  ruleId: string;
  raisedOn: string;
}

export interface Facts {
  policies: PolicyFact[];
  quotes: QuoteFact[];
  visits: VisitFact[];
  claims: ClaimFact[];
  premiums: PremiumFact[];
  complaints: ComplaintFact[];
  surveys: SurveyFact[];
  alerts: AlertFact[];
}

/** No facts at all: a period before any business, and the start of a test's own facts. */
export const NO_FACTS: Facts = {
  policies: [],
  quotes: [],
  visits: [],
  claims: [],
  premiums: [],
  complaints: [],
  surveys: [],
  alerts: [],
};

export type Dimension = 'day' | 'product' | 'channel' | 'salesperson';
export interface Period {
  from: string;
  to: string;
}

export interface Kpis {
  newBusinessPremiumFen: number;
  newPolicies: number;
  quotes: number;
  quoteToPolicyConversion: number | null;
  coolingOffWithdrawalRate: number | null;
  persistency13Month: number | null;
  returnVisitSuccessRate: number | null;
  claimsPaid: number;
  claimCycleDays: number | null;
  claimsDecidedInTime: number | null;
  claimsPaidInTime: number | null;
  lossRatio: number | null;
  complaintsPer10kPolicies: number | null;
  complaintsPer100mPremium: number | null;
  csat: number | null;
  nps: number | null;
  alertsByRule: Record<string, number>;
}

/** A ratio rounded to 4 places, or null when there is nothing to divide by. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000;
}

const inPeriod = (date: string | null, p: Period): date is string =>
  date !== null && date >= p.from && date <= p.to;

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Every KPI of chapter 8 for one period and one slice of the facts. Definitions:
 * - new-business premium: first premiums of policies issued in the period; new policies: their count;
 * - quote-to-policy conversion: quotes issued in the period that became a policy / quotes issued in the period;
 * - cooling-off withdrawal rate: policies issued in the period and later withdrawn / policies issued in the period;
 * - 13th-month persistency: regular-premium policies issued 13 months before the period that paid a year-2 premium /
 *   those policies;
 * - return-visit success: visits due in the period that reached the customer, confirmed identity and understanding /
 *   visits due in the period;
 * - claim cycle time: mean days from report to payment of claims paid in the period; decided (paid) in time: claims
 *   decided (paid) in the period without a statutory breach / claims decided (paid) in the period;
 * - loss ratio: claims paid in the period / premiums received in the period (premium earned, on a cash basis);
 * - complaints per 10,000 policies in force at the period's end, and per CNY 100 million of premium received;
 * - CSAT: mean score 1-5; NPS: % promoters (9-10) minus % detractors (0-6) of surveys answered in the period.
 */
export function computeKpis(facts: Facts, period: Period): Kpis {
  const issued = facts.policies.filter((p) => inPeriod(p.issuedOn, period));
  const quotes = facts.quotes.filter((q) => inPeriod(q.issuedOn, period));
  const convertedQuotes = new Set(facts.policies.filter((p) => p.quoteId !== null).map((p) => p.quoteId));
  const cohortFrom = addMonths(period.from, -13);
  const cohortTo = addMonths(period.to, -13);
  const cohort = facts.policies.filter(
    (p) =>
      inPeriod(p.issuedOn, { from: cohortFrom, to: cohortTo }) &&
      p.paymentMode !== 'single' &&
      p.withdrawnOn === null,
  );
  const visits = facts.visits.filter((v) => inPeriod(v.dueOn, period));
  const paidClaims = facts.claims.filter((c) => inPeriod(c.paidOn, period));
  const decidedClaims = facts.claims.filter((c) => inPeriod(c.decidedOn, period));
  const premiumFen = facts.premiums
    .filter((p) => inPeriod(p.paidOn, period))
    .reduce((s, p) => s + p.amountFen, 0);
  const claimsPaidFen = paidClaims.reduce((s, c) => s + c.paidFen, 0);
  const inForce = facts.policies.filter(
    (p) =>
      p.issuedOn !== null &&
      p.issuedOn <= period.to &&
      (p.endedOn === null || p.endedOn > period.to) &&
      p.withdrawnOn === null,
  ).length;
  const complaints = facts.complaints.filter((c) => inPeriod(c.openedOn, period)).length;
  const surveys = facts.surveys.filter((s) => inPeriod(s.answeredOn, period));
  const alertsByRule: Record<string, number> = {};
  for (const a of facts.alerts.filter((x) => inPeriod(x.raisedOn, period)))
    alertsByRule[a.ruleId] = (alertsByRule[a.ruleId] ?? 0) + 1;
  const cycle = paidClaims.filter((c) => c.reportedOn !== null);

  return {
    newBusinessPremiumFen: issued.reduce((s, p) => s + p.firstPremiumFen, 0),
    newPolicies: issued.length,
    quotes: quotes.length,
    quoteToPolicyConversion: ratio(
      quotes.filter((q) => convertedQuotes.has(q.quoteId)).length,
      quotes.length,
    ),
    coolingOffWithdrawalRate: ratio(issued.filter((p) => p.withdrawnOn !== null).length, issued.length),
    persistency13Month: ratio(cohort.filter((p) => p.renewedYear2).length, cohort.length),
    returnVisitSuccessRate: ratio(visits.filter((v) => v.succeeded === true).length, visits.length),
    claimsPaid: paidClaims.length,
    claimCycleDays: cycle.length
      ? Math.round(
          (cycle.reduce((s, c) => s + daysBetween(c.reportedOn as string, c.paidOn as string), 0) /
            cycle.length) *
            10,
        ) / 10
      : null,
    claimsDecidedInTime: ratio(decidedClaims.filter((c) => !c.decisionLate).length, decidedClaims.length),
    claimsPaidInTime: ratio(paidClaims.filter((c) => !c.paymentLate).length, paidClaims.length),
    lossRatio: ratio(claimsPaidFen, premiumFen),
    complaintsPer10kPolicies:
      inForce === 0 ? null : Math.round(((complaints * 10_000) / inForce) * 100) / 100,
    complaintsPer100mPremium:
      premiumFen === 0 ? null : Math.round(((complaints * 10_000_000_000) / premiumFen) * 100) / 100,
    csat: surveys.length
      ? Math.round((surveys.reduce((s, x) => s + x.csat, 0) / surveys.length) * 100) / 100
      : null,
    nps: surveys.length
      ? Math.round(
          ((surveys.filter((s) => s.nps >= 9).length - surveys.filter((s) => s.nps <= 6).length) /
            surveys.length) *
            1000,
        ) / 10
      : null,
    alertsByRule,
  };
}

type Sliceable = { productCode?: string | null; channel?: string | null; salespersonId?: string | null };

/** The value of a fact on a dimension; facts without it fall into "unknown". */
function keyOf(fact: Sliceable, dimension: Exclude<Dimension, 'day'>): string {
  const value =
    dimension === 'product' ? fact.productCode : dimension === 'channel' ? fact.channel : fact.salespersonId;
  return value ?? 'unknown';
}

/** KPIs per value of a dimension; by day, each day of the period is its own period. */
export function kpisBy(facts: Facts, period: Period, dimension: Dimension): { key: string; kpis: Kpis }[] {
  if (dimension === 'day') {
    const out: { key: string; kpis: Kpis }[] = [];
    for (let d = period.from; d <= period.to; d = nextDay(d))
      out.push({ key: d, kpis: computeKpis(facts, { from: d, to: d }) });
    return out;
  }
  const keys = new Set<string>();
  const all: Sliceable[] = [
    ...facts.policies,
    ...facts.quotes,
    ...facts.visits,
    ...facts.claims,
    ...facts.premiums,
    ...facts.complaints,
    ...facts.surveys,
  ];
  for (const f of all) keys.add(keyOf(f, dimension));
  return [...keys].sort().map((key) => {
    const only = <T extends Sliceable>(rows: T[]) => rows.filter((r) => keyOf(r, dimension) === key);
    return {
      key,
      kpis: computeKpis(
        {
          policies: only(facts.policies),
          quotes: only(facts.quotes),
          visits: only(facts.visits),
          claims: only(facts.claims),
          premiums: only(facts.premiums),
          complaints: only(facts.complaints),
          surveys: only(facts.surveys),
          alerts: [],
        },
        period,
      ),
    };
  });
}

function nextDay(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The salesperson ranking: by new-business premium, then policies, with conversion beside them. */
export function salespersonRanking(facts: Facts, period: Period) {
  return kpisBy(facts, period, 'salesperson')
    .filter((r) => r.key !== 'unknown')
    .map((r) => ({
      salespersonId: r.key,
      newBusinessPremiumFen: r.kpis.newBusinessPremiumFen,
      newPolicies: r.kpis.newPolicies,
      conversion: r.kpis.quoteToPolicyConversion,
    }))
    .sort(
      (a, b) =>
        b.newBusinessPremiumFen - a.newBusinessPremiumFen ||
        b.newPolicies - a.newPolicies ||
        a.salespersonId.localeCompare(b.salespersonId),
    )
    .map((r, i) => ({ rank: i + 1, ...r }));
}

/** Progress of an improvement action from its baseline towards its target, 0-1 (beyond 1 when overshot). */
export function actionProgress(baseline: number, target: number, current: number | null): number | null {
  if (current === null || target === baseline) return null;
  return Math.round(((current - baseline) / (target - baseline)) * 1000) / 1000;
}

/** Every KPI by name, in the order the CSV and the dashboard list them. */
export const KPI_NAMES = [
  'newBusinessPremiumFen',
  'newPolicies',
  'quotes',
  'quoteToPolicyConversion',
  'coolingOffWithdrawalRate',
  'persistency13Month',
  'returnVisitSuccessRate',
  'claimsPaid',
  'claimCycleDays',
  'claimsDecidedInTime',
  'claimsPaidInTime',
  'lossRatio',
  'complaintsPer10kPolicies',
  'complaintsPer100mPremium',
  'csat',
  'nps',
] as const;
