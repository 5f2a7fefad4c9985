import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@insurer/contracts';
import { shanghaiDate } from '@insurer/platform-time';
import { queueWrite } from '@insurer/platform-database';

const day = (instant: string) => shanghaiDate(new Date(instant));

/**
 * Which generations a statement writes: those named (a rebuild's replay), or `writable`, resolved by each statement
 * itself from `projection_generation`: the active generation and any being built (the live consumer). Resolved in the
 * statement, it costs no read of its own; a rebuild that starts meanwhile gets the event from its replay anyway, since
 * its replay runs to the offsets the topics had after its generation was committed.
 */
export type Generations = readonly number[] | 'writable';

/**
 * Applies one event to the read models of the given generations. Every statement is an upsert that sets only the
 * columns this event owns (or an insert that ignores a duplicate), so applying an event twice, or events of different
 * topics in any order, leaves the same rows.
 */
@Injectable()
export class ProjectionService {
  async apply(m: EntityManager, event: DomainEvent, generations: Generations): Promise<void> {
    await this.applyAll(m, [event], generations);
  }

  /** A run of events at once: their upserts gathered into one statement per table and column set (see Upserts). */
  async applyAll(m: EntityManager, events: readonly DomainEvent[], generations: Generations): Promise<void> {
    const upserts = new Upserts(m, generations);
    for (const event of events) await this.applyTo(upserts, event);
    await upserts.flush();
  }

  private async applyTo(upserts: Upserts, event: DomainEvent): Promise<void> {
    const upsert = (table: string, key: string, values: Record<string, unknown>) =>
      upserts.add(table, key, values);
    switch (event.type) {
      case 'sales.quote-issued': {
        const q = event.payload;
        await upsert('p_quote', 'quote_id', {
          quote_id: q.quoteId,
          product_code: q.productCode,
          channel: q.channel,
          salesperson_id: q.salespersonId,
          issued_on: day(q.issuedAt),
        });
        break;
      }
      case 'sales.application-submitted':
        await upsert('p_application', 'application_id', {
          application_id: event.payload.applicationId,
          quote_id: event.payload.quoteId,
        });
        break;
      case 'contract.policy-issued': {
        const p = event.payload;
        await upsert('p_policy', 'policy_id', {
          policy_id: p.policyId,
          product_code: p.productCode,
          channel: p.channel,
          salesperson_id: p.salespersonId,
          issued_on: day(p.issuedAt),
          payment_mode: p.paymentMode,
          application_id: p.applicationId,
        });
        break;
      }
      case 'contract.policy-withdrawn':
        await upsert('p_policy', 'policy_id', {
          policy_id: event.payload.policyId,
          withdrawn_on: event.payload.withdrawnOn,
        });
        break;
      case 'contract.policy-surrendered':
        await upsert('p_policy', 'policy_id', {
          policy_id: event.payload.policyId,
          ended_on: event.payload.surrenderedOn,
        });
        break;
      case 'contract.policy-terminated':
        await upsert('p_policy', 'policy_id', {
          policy_id: event.payload.policyId,
          ended_on: event.payload.terminatedOn,
        });
        break;
      case 'contract.premium-paid': {
        const p = event.payload;
        await upsert('p_premium', 'payment_id', {
          payment_id: p.paymentId,
          policy_id: p.policyId,
          paid_on: day(p.paidAt),
          amount_fen: p.amountFen,
          policy_year: p.policyYear,
          is_first: p.isFirstPremium,
        });
        break;
      }
      case 'sales.return-visit-scheduled':
        await upsert('p_visit', 'visit_id', {
          visit_id: event.payload.visitId,
          policy_id: event.payload.policyId,
          due_on: event.payload.dueOn,
        });
        break;
      case 'sales.return-visit-completed': {
        const v = event.payload;
        await upsert('p_visit', 'visit_id', {
          visit_id: v.visitId,
          policy_id: v.policyId,
          due_on: v.dueOn,
          succeeded: v.reached && v.identityConfirmed && v.termsUnderstood,
        });
        break;
      }
      case 'claims.claim-reported': {
        const c = event.payload;
        await upsert('p_claim', 'claim_id', {
          claim_id: c.claimId,
          policy_id: c.policyId,
          product_code: c.productCode,
          reported_on: day(c.reportedAt),
        });
        break;
      }
      case 'claims.documents-completed':
        await upsert('p_claim', 'claim_id', {
          claim_id: event.payload.claimId,
          decision_due_on: event.payload.decisionDueOn,
        });
        break;
      case 'claims.claim-approved':
        await upsert('p_claim', 'claim_id', {
          claim_id: event.payload.claimId,
          decided_on: day(event.payload.decidedAt),
          decision: 'approve',
          payment_due_on: event.payload.paymentDueOn,
        });
        break;
      case 'claims.claim-rejected':
        await upsert('p_claim', 'claim_id', {
          claim_id: event.payload.claimId,
          decided_on: day(event.payload.decidedAt),
          decision: 'reject',
        });
        break;
      case 'claims.claim-reopened':
        // Open again: a new decision is due (a claim's events arrive in order, on one partition).
        await upsert('p_claim', 'claim_id', {
          claim_id: event.payload.claimId,
          decided_on: null,
          decision: null,
          payment_due_on: null,
        });
        break;
      case 'claims.claim-paid':
        await upsert('p_claim_payment', 'event_id', {
          event_id: event.eventId,
          claim_id: event.payload.claimId,
          paid_on: day(event.payload.paidAt),
          amount_fen: event.payload.amountFen,
        });
        break;
      case 'claims.deadline-breached':
        if (event.payload.timer === 'decision')
          await upsert('p_claim', 'claim_id', { claim_id: event.payload.claimId, decision_late: true });
        if (event.payload.timer === 'payment')
          await upsert('p_claim', 'claim_id', { claim_id: event.payload.claimId, payment_late: true });
        break;
      case 'customer.complaint-opened': {
        const c = event.payload;
        await upsert('p_complaint', 'ticket_id', {
          ticket_id: c.ticketId,
          policy_id: c.policyId ?? null,
          salesperson_id: c.salespersonId ?? null,
          opened_on: day(c.openedAt),
        });
        break;
      }
      case 'customer.survey-answered': {
        const s = event.payload;
        await upsert('p_survey', 'survey_id', {
          survey_id: s.surveyId,
          product_code: s.productCode ?? null,
          salesperson_id: s.salespersonId ?? null,
          policy_id: s.policyId ?? null,
          answered_on: day(s.answeredAt),
          csat: s.csat,
          nps: s.nps,
        });
        break;
      }
      case 'compliance.alert-raised':
        await upsert('p_alert', 'alert_id', {
          alert_id: event.payload.alertId,
          rule_id: event.payload.ruleId,
          raised_on: day(event.payload.raisedAt),
        });
        break;
      default:
        break;
    }
  }
}

/**
 * Upserts of a run, written as one multi-row statement per table and column set. Each upsert touches one row, and
 * upserts of different rows commute, so only each row's own order matters: a row's second upsert under another column
 * set first writes everything gathered so far; under the same set it replaces the first (it would overwrite the same
 * columns; a set of the key alone carries nothing else to differ).
 */
class Upserts {
  private readonly statements = new Map<
    string,
    { table: string; key: string; columns: string[]; rows: Map<string, Record<string, unknown>> }
  >();
  /** Which statement each row's pending upsert is in. */
  private readonly rows = new Map<string, string>();

  constructor(
    private readonly m: EntityManager,
    private readonly generations: Generations,
  ) {}

  async add(table: string, key: string, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    const shape = `${table}(${columns.join(',')})`;
    const row = `${table}:${String(values[key])}`;
    const pendingIn = this.rows.get(row);
    if (pendingIn !== undefined && pendingIn !== shape) await this.flush();
    let statement = this.statements.get(shape);
    if (!statement) {
      statement = { table, key, columns, rows: new Map() };
      this.statements.set(shape, statement);
    }
    statement.rows.set(row, values);
    this.rows.set(row, shape);
  }

  /**
   * One statement per table and column set: the rows go as one JSON array, typed by the table's own row type, and
   * each is written into every generation the statement resolves.
   */
  async flush(): Promise<void> {
    const writable = this.generations === 'writable';
    const into = writable
      ? `analytics.projection_generation g WHERE g.status IN ('active', 'building')`
      : `unnest($2::int[]) AS g(generation) WHERE true`;
    for (const { table, key, columns, rows } of this.statements.values()) {
      const set = columns.filter((c) => c !== key).map((c) => `${c} = EXCLUDED.${c}`);
      const json = JSON.stringify([...rows.values()]);
      // Nothing waits for the answer: it goes with the transaction's next statement or its COMMIT.
      await queueWrite(
        this.m,
        `INSERT INTO analytics.${table} (generation, ${columns.join(', ')})
         SELECT g.generation, ${columns.map((c) => `r.${c}`).join(', ')}
           FROM jsonb_populate_recordset(NULL::analytics.${table}, $1::jsonb) r, ${into}
         ON CONFLICT (generation, ${key}) ${set.length ? `DO UPDATE SET ${set.join(', ')}` : 'DO NOTHING'}`,
        writable ? [json] : [json, [...this.generations]],
      );
    }
    this.statements.clear();
    this.rows.clear();
  }
}
