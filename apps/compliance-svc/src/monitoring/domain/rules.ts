import { addDays, shanghaiDate } from '@insurer/platform-time';
import { annualTraining, type DomainEvent, type TrainingFacts } from '@insurer/contracts';

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
  readonly summary: string;
  /** Alerts with the same key are raised once: the event id for one-off breaches, a window for patterns. */
  readonly dedupeKey: string;
  /** A large-value transaction to keep for the AML report. */
  readonly transaction?: {
    kind: 'large_value' | 'suspicious';
    amountFen: number;
    method: string;
    partyId: string;
  };
}

/** What rules over time windows and other services' facts need, read from compliance-svc's own tables. */
export interface RuleContext {
  readonly salesperson?: (id: string) =>
    | {
        grade: string | null;
        licenceValidUntil: string | null;
        training: TrainingFacts;
        status: string;
      }
    | undefined;
  /** Surrenders by the same policyholder in the window before (and including) this one. */
  readonly surrendersInWindow?: number;
  /** Endorsements of the same policy in the window before (and including) this one. */
  readonly endorsementsInWindow?: number;
  /** Premium paid for the policy, and when it was issued, for withdrawal patterns. */
  readonly issuedAt?: string;
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
  | 'frequent_changes';

const num = (params: Readonly<Record<string, unknown>>, key: string, fallback: number) =>
  typeof params[key] === 'number' ? (params[key] as number) : fallback;

const levelNumber = (level: string | null) => (level ? Number(level.slice(1)) : 0);

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
          summary: expired
            ? `application ${a.applicationId} was taken on an assessment that expired on ${a.riskLevelValidUntil}`
            : `application ${a.applicationId} sells ${a.productRiskGrade} to a ${a.customerRiskLevel ?? 'unassessed'} customer`,
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
          summary: `application ${a.applicationId} needed a recording of the sale and has none`,
          dedupeKey: `${rule.ruleId}:${a.applicationId}`,
        },
      ];
    }
    case 'salesperson_not_qualified': {
      if (event.type !== 'sales.application-submitted' && event.type !== 'sales.quote-issued') return [];
      const id = event.payload.salespersonId;
      const person = ctx.salesperson?.(id);
      const day = shanghaiDate(new Date(event.occurredAt));
      const problems: string[] = [];
      if (!person) problems.push('unknown to compliance');
      else {
        if (!person.grade) problems.push('ungraded');
        if (!person.licenceValidUntil || person.licenceValidUntil < day) problems.push('unlicensed');
        if (!annualTraining(person.training, day, num(p, 'minTrainingHours', 30)).met)
          problems.push('under the training hours');
        if (person.status !== 'active') problems.push(person.status);
      }
      if (problems.length === 0) return [];
      const ref = event.type === 'sales.quote-issued' ? event.payload.quoteId : event.payload.applicationId;
      return [
        {
          subject: { kind: 'salesperson', id },
          summary: `salesperson ${id} sold while ${problems.join(', ')}`,
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
          summary: `return visit for policy ${v.policyId} not done by ${v.dueOn}`,
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
          summary: `claim ${c.claimId}: ${c.timer.replace('_', ' ')} deadline ${c.dueOn} passed`,
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
          summary: `surrender of policy ${r.policyId}: ${r.amountFen / 100} yuan unpaid past ${r.dueOn}`,
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
          summary: `complaint ${t.ticketId} unanswered past ${t.dueOn}`,
          dedupeKey: `${rule.ruleId}:${t.ticketId}`,
        },
      ];
    }
    case 'aml_large_value': {
      if (event.type !== 'contract.premium-paid') return [];
      const pay = event.payload;
      const threshold =
        pay.method === 'cash'
          ? num(p, 'cashFen', 5_000_000)
          : pay.payerType === 'corporate'
            ? num(p, 'corporateTransferFen', 200_000_000)
            : num(p, 'individualTransferFen', 50_000_000);
      if (pay.amountFen < threshold) return [];
      return [
        {
          subject: { kind: 'customer', id: pay.payerId },
          summary: `large-value ${pay.method} payment of ${pay.amountFen / 100} yuan on policy ${pay.policyId}`,
          dedupeKey: `${rule.ruleId}:${pay.paymentId}`,
          transaction: {
            kind: 'large_value',
            amountFen: pay.amountFen,
            method: pay.method,
            partyId: pay.payerId,
          },
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
          summary: `policy ${w.policyId} withdrawn ${w.withdrawnOn} soon after a premium of ${w.premiumPaidFen / 100} yuan`,
          dedupeKey: `${rule.ruleId}:${w.policyId}`,
          transaction: {
            kind: 'suspicious',
            amountFen: w.refundFen,
            method: 'refund',
            partyId: w.policyholderId,
          },
        },
      ];
    }
    case 'aml_third_party_payer': {
      if (event.type !== 'contract.premium-paid' || event.payload.payerIsPolicyholder) return [];
      const pay = event.payload;
      if (pay.amountFen < num(p, 'minAmountFen', 1_000_000)) return [];
      return [
        {
          subject: { kind: 'policy', id: pay.policyId },
          summary: `premium of ${pay.amountFen / 100} yuan paid by ${pay.payerId}, who is not the policyholder`,
          dedupeKey: `${rule.ruleId}:${pay.paymentId}`,
          transaction: {
            kind: 'suspicious',
            amountFen: pay.amountFen,
            method: pay.method,
            partyId: pay.payerId,
          },
        },
      ];
    }
    case 'aml_bulk_surrender': {
      if (event.type !== 'contract.policy-surrendered') return [];
      const s = event.payload;
      if ((ctx.surrendersInWindow ?? 0) < num(p, 'minSurrenders', 3)) return [];
      const windowDays = num(p, 'windowDays', 30);
      return [
        {
          subject: { kind: 'customer', id: s.policyholderId },
          summary: `${ctx.surrendersInWindow} surrenders by one policyholder within ${windowDays} days`,
          dedupeKey: `${rule.ruleId}:${s.policyholderId}:${s.surrenderedOn.slice(0, 7)}`,
          transaction: {
            kind: 'suspicious',
            amountFen: s.cashValueFen,
            method: 'surrender',
            partyId: s.policyholderId,
          },
        },
      ];
    }
    case 'frequent_changes': {
      if (event.type !== 'contract.policy-endorsed') return [];
      const e = event.payload;
      if ((ctx.endorsementsInWindow ?? 0) < num(p, 'minChanges', 3)) return [];
      return [
        {
          subject: { kind: 'policy', id: e.policyId },
          summary: `${ctx.endorsementsInWindow} changes to policy ${e.policyId} within ${num(p, 'windowDays', 90)} days`,
          dedupeKey: `${rule.ruleId}:${e.policyId}:${e.policyVersion}`,
        },
      ];
    }
    case 'departure_notice_overdue':
      // Checked by the deadline sweep over notice tasks, not per event.
      return [];
  }
}
