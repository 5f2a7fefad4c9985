import { addDays, daysBetween } from '@insurer/platform-time';
import type { ClaimFact, Facts, Period } from './kpis';

/** A drill-down: the facts of one product, channel or salesperson (any combination), for every analysis. */
export interface Slice {
  readonly product?: string;
  readonly channel?: string;
  readonly salesperson?: string;
}

type Dimensioned = { productCode?: string | null; channel?: string | null; salespersonId?: string | null };

/** The facts within a slice; alerts carry no product, channel or salesperson and drop out of any slice. */
export function sliceFacts(facts: Facts, slice: Slice): Facts {
  if (!slice.product && !slice.channel && !slice.salesperson) return facts;
  const keep = <T extends Dimensioned>(rows: T[]) =>
    rows.filter(
      (r) =>
        (!slice.product || r.productCode === slice.product) &&
        (!slice.channel || r.channel === slice.channel) &&
        (!slice.salesperson || r.salespersonId === slice.salesperson),
    );
  return {
    policies: keep(facts.policies),
    quotes: keep(facts.quotes),
    visits: keep(facts.visits),
    claims: keep(facts.claims),
    premiums: keep(facts.premiums),
    complaints: keep(facts.complaints),
    surveys: keep(facts.surveys),
    alerts: [],
  };
}

function days(period: Period): string[] {
  const out: string[] = [];
  for (let d = period.from; d <= period.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Premium received per day (cash basis, first and renewal premiums alike, in fen) by channel or by product: one
 * series per value, each with a figure for every day of the period (0 on a day without premium).
 */
export function premiumSeries(
  facts: Facts,
  period: Period,
  by: 'channel' | 'product',
): { days: string[]; series: { key: string; fen: number[]; totalFen: number }[] } {
  const axis = days(period);
  const index = new Map(axis.map((d, i) => [d, i]));
  const series = new Map<string, number[]>();
  for (const p of facts.premiums) {
    const i = index.get(p.paidOn);
    if (i === undefined) continue;
    const key = (by === 'channel' ? p.channel : p.productCode) ?? 'unknown';
    const values = series.get(key) ?? axis.map(() => 0);
    values[i] = (values[i] ?? 0) + p.amountFen;
    series.set(key, values);
  }
  return {
    days: axis,
    series: [...series.entries()]
      .map(([key, fen]) => ({ key, fen, totalFen: fen.reduce((s, v) => s + v, 0) }))
      .sort((a, b) => b.totalFen - a.totalFen || a.key.localeCompare(b.key)),
  };
}

/** Where a claim stands: waiting for documents, being decided, approved and waiting for payment, or closed. */
export type ClaimStage = 'awaiting_documents' | 'deciding' | 'awaiting_payment' | 'paid' | 'rejected';
/** Against its running statutory clock: none yet, on track, due within 5 days, overdue. */
export type DeadlineStanding = 'no_clock' | 'on_track' | 'due_soon' | 'overdue';
export const AGE_BANDS = ['0-7', '8-30', '31-60', '61+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Days before a deadline from which a claim counts as due soon. */
export const DUE_SOON_DAYS = 5;

export function claimStage(c: ClaimFact): ClaimStage {
  if (c.decision === 'reject') return 'rejected';
  // Approved (or decided on a row projected before the decision was kept): paid once a payment follows the decision;
  // an advance paid while the claim was being decided does not close it.
  if (c.decision === 'approve' || (c.decision == null && c.decidedOn !== null))
    return c.paidOn !== null && c.decidedOn !== null && c.paidOn >= c.decidedOn ? 'paid' : 'awaiting_payment';
  return c.decisionDueOn ? 'deciding' : 'awaiting_documents';
}

function ageBand(days: number): AgeBand {
  return days <= 7 ? '0-7' : days <= 30 ? '8-30' : days <= 60 ? '31-60' : '61+';
}

/**
 * Claims by stage and age on a day, each open one against the statutory deadline running for it (Insurance Law
 * Art. 23: a decision within 30 days of complete documents; payment within 10 days of an approval). Closed claims
 * (paid, rejected) count by stage with the share that met their deadlines. A claim reported after the day is left out.
 */
export function claimsAgeing(facts: Facts, asOf: string) {
  const claims = facts.claims.filter((c) => c.reportedOn !== null && c.reportedOn <= asOf);
  const stages: ClaimStage[] = ['awaiting_documents', 'deciding', 'awaiting_payment', 'paid', 'rejected'];
  const rows = stages.map((stage) => {
    const inStage = claims.filter((c) => claimStage(c) === stage);
    const byAge = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>;
    const byDeadline: Record<DeadlineStanding, number> = {
      no_clock: 0,
      on_track: 0,
      due_soon: 0,
      overdue: 0,
    };
    let oldestDays: number | null = null;
    for (const c of inStage) {
      const age = daysBetween(c.reportedOn as string, asOf);
      byAge[ageBand(age)] += 1;
      oldestDays = oldestDays === null ? age : Math.max(oldestDays, age);
      const due =
        stage === 'deciding' ? c.decisionDueOn : stage === 'awaiting_payment' ? c.paymentDueOn : null;
      const late =
        stage === 'deciding' ? c.decisionLate : stage === 'awaiting_payment' ? c.paymentLate : false;
      if (!due) byDeadline.no_clock += 1;
      else if (late || asOf > due) byDeadline.overdue += 1;
      else if (daysBetween(asOf, due) <= DUE_SOON_DAYS) byDeadline.due_soon += 1;
      else byDeadline.on_track += 1;
    }
    const closed = stage === 'paid' || stage === 'rejected';
    return {
      stage,
      count: inStage.length,
      byAge,
      byDeadline: closed ? null : byDeadline,
      oldestDays: closed ? null : oldestDays,
      // Of the closed ones, how many were decided (and, if paid, paid) without a statutory breach.
      inTime: closed
        ? inStage.filter((c) => !c.decisionLate && (stage === 'rejected' || !c.paymentLate)).length
        : null,
    };
  });
  return { asOf, total: claims.length, rows };
}
