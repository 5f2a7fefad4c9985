import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@insurer/contracts';
import { shanghaiDate } from '@insurer/platform-time';

const day = (instant: string) => shanghaiDate(new Date(instant));

/**
 * Applies one event to the read models of the given generations. Every statement is an upsert that sets only the
 * columns this event owns (or an insert that ignores a duplicate), so applying an event twice, or events of different
 * topics in any order, leaves the same rows.
 */
@Injectable()
export class ProjectionService {
  async apply(m: EntityManager, event: DomainEvent, generations: readonly number[]): Promise<void> {
    for (const g of generations) await this.applyTo(m, event, g);
  }

  private async applyTo(m: EntityManager, event: DomainEvent, g: number): Promise<void> {
    const upsert = (table: string, key: string, values: Record<string, unknown>) => {
      const columns = Object.keys(values);
      const params = [g, ...Object.values(values)];
      const set = columns.filter((c) => c !== key).map((c) => `${c} = EXCLUDED.${c}`);
      return m.query(
        `INSERT INTO analytics.${table} (generation, ${columns.join(', ')}) VALUES ($1, ${columns.map((_, i) => `$${i + 2}`).join(', ')})
         ON CONFLICT (generation, ${key}) ${set.length ? `DO UPDATE SET ${set.join(', ')}` : 'DO NOTHING'}`,
        params,
      );
    };
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
