import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GenerationService } from '../../projection/application/generation.service';
import {
  computeKpis,
  kpisBy,
  salespersonRanking,
  type Dimension,
  type Facts,
  type Period,
} from '../domain/kpis';
import { claimsAgeing, premiumSeries, sliceFacts, type Slice } from '../domain/analyses';

const sliced = (s: Slice) => Boolean(s.product || s.channel || s.salesperson);

/** Loads the active generation's facts, with each fact's product, channel and salesperson joined from its policy. */
@Injectable()
export class KpiService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly generations: GenerationService,
  ) {}

  async facts(): Promise<Facts> {
    const g = await this.generations.active();
    const q = <T>(sql: string) => this.dataSource.query(sql, [g]) as Promise<T[]>;
    const policyDims = `LEFT JOIN analytics.p_policy pol ON pol.generation = $1 AND pol.policy_id = x.policy_id`;
    const [policies, quotes, visits, claims, premiums, complaints, surveys, alerts] = await Promise.all([
      q<Record<string, unknown>>(`
        SELECT p.policy_id AS "policyId", p.product_code AS "productCode", p.channel, p.salesperson_id AS "salespersonId",
               p.issued_on::text AS "issuedOn", p.payment_mode AS "paymentMode", a.quote_id AS "quoteId",
               p.withdrawn_on::text AS "withdrawnOn", p.ended_on::text AS "endedOn",
               coalesce(pr.first_fen, 0)::float AS "firstPremiumFen", coalesce(pr.renewed, false) AS "renewedYear2"
        FROM analytics.p_policy p
        LEFT JOIN analytics.p_application a ON a.generation = $1 AND a.application_id = p.application_id
        LEFT JOIN (SELECT policy_id, sum(amount_fen) FILTER (WHERE is_first) AS first_fen, bool_or(policy_year >= 2 AND NOT is_first) AS renewed
                   FROM analytics.p_premium WHERE generation = $1 GROUP BY policy_id) pr ON pr.policy_id = p.policy_id
        WHERE p.generation = $1`),
      q<Record<string, unknown>>(
        `SELECT quote_id AS "quoteId", product_code AS "productCode", channel, salesperson_id AS "salespersonId", issued_on::text AS "issuedOn" FROM analytics.p_quote WHERE generation = $1`,
      ),
      q<Record<string, unknown>>(`
        SELECT x.visit_id AS "visitId", pol.salesperson_id AS "salespersonId", pol.product_code AS "productCode", pol.channel,
               x.due_on::text AS "dueOn", x.succeeded
        FROM analytics.p_visit x ${policyDims} WHERE x.generation = $1 AND x.due_on IS NOT NULL`),
      q<Record<string, unknown>>(`
        SELECT x.claim_id AS "claimId", coalesce(x.product_code, pol.product_code) AS "productCode", pol.channel, pol.salesperson_id AS "salespersonId",
               x.reported_on::text AS "reportedOn", x.decided_on::text AS "decidedOn", pay.paid_on::text AS "paidOn",
               coalesce(pay.amount, 0)::float AS "paidFen", x.decision_late AS "decisionLate", x.payment_late AS "paymentLate",
               x.decision, x.decision_due_on::text AS "decisionDueOn", x.payment_due_on::text AS "paymentDueOn"
        FROM analytics.p_claim x ${policyDims}
        LEFT JOIN (SELECT claim_id, max(paid_on) AS paid_on, sum(amount_fen) AS amount FROM analytics.p_claim_payment WHERE generation = $1 GROUP BY claim_id) pay
          ON pay.claim_id = x.claim_id
        WHERE x.generation = $1`),
      q<Record<string, unknown>>(`
        SELECT x.payment_id AS "paymentId", pol.product_code AS "productCode", pol.channel, pol.salesperson_id AS "salespersonId",
               x.paid_on::text AS "paidOn", x.amount_fen::float AS "amountFen"
        FROM analytics.p_premium x ${policyDims} WHERE x.generation = $1`),
      q<Record<string, unknown>>(`
        SELECT x.ticket_id AS "ticketId", pol.product_code AS "productCode", pol.channel,
               coalesce(x.salesperson_id, pol.salesperson_id) AS "salespersonId", x.opened_on::text AS "openedOn"
        FROM analytics.p_complaint x ${policyDims} WHERE x.generation = $1`),
      q<Record<string, unknown>>(`
        SELECT x.survey_id AS "surveyId", coalesce(x.product_code, pol.product_code) AS "productCode", pol.channel,
               coalesce(x.salesperson_id, pol.salesperson_id) AS "salespersonId", x.answered_on::text AS "answeredOn", x.csat, x.nps
        FROM analytics.p_survey x ${policyDims} WHERE x.generation = $1`),
      q<Record<string, unknown>>(
        `SELECT alert_id AS "alertId", rule_id AS "ruleId", raised_on::text AS "raisedOn" FROM analytics.p_alert WHERE generation = $1`,
      ),
    ]);
    return { policies, quotes, visits, claims, premiums, complaints, surveys, alerts } as unknown as Facts;
  }

  async kpis(period: Period, by?: Dimension, slice: Slice = {}) {
    const facts = sliceFacts(await this.facts(), slice);
    return {
      ...period,
      by: by ?? null,
      ...(sliced(slice) ? { slice } : {}),
      total: computeKpis(facts, period),
      rows: by ? kpisBy(facts, period, by) : [],
    };
  }

  /** This period against the one of the same length just before it. */
  async compare(period: Period, slice: Slice = {}) {
    const facts = sliceFacts(await this.facts(), slice);
    const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
    const shift = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
    const previous = { from: shift(period.from, days), to: shift(period.to, days) };
    const current = computeKpis(facts, period);
    const before = computeKpis(facts, previous);
    const change: Record<string, number | null> = {};
    for (const [key, value] of Object.entries(current)) {
      const old = (before as unknown as Record<string, unknown>)[key];
      if (typeof value === 'number' && typeof old === 'number')
        change[key] = Math.round((value - old) * 10_000) / 10_000;
    }
    return { current: { ...period, kpis: current }, previous: { ...previous, kpis: before }, change };
  }

  /** Premium received per day by channel or by product (cash basis), for the period and slice. */
  async premiumSeries(period: Period, by: 'channel' | 'product', slice: Slice = {}) {
    return { ...period, by, ...premiumSeries(sliceFacts(await this.facts(), slice), period, by) };
  }

  /** Claims by stage and age on a day, against their statutory deadlines. */
  async claimsAgeing(asOf: string, slice: Slice = {}) {
    return claimsAgeing(sliceFacts(await this.facts(), slice), asOf);
  }

  async ranking(period: Period) {
    return salespersonRanking(await this.facts(), period);
  }
}
