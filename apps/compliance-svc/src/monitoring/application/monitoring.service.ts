import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { DomainEvent } from '@insurer/contracts';
import { PerTransaction } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, addDays, shanghaiDate } from '@insurer/platform-time';
import { AuditService } from '../../audit/application/audit.service';
import {
  isEffective,
  evaluate,
  type Finding,
  type RuleContext,
  type RuleVersion,
  type Severity,
} from '../domain/rules';
import {
  AlertEntity,
  AmlTransactionEntity,
  CaseEntity,
  RiskScoreEntity,
  RuleVersionEntity,
} from '../infrastructure/monitoring.entity';

const SEVERITY_POINTS: Record<Severity, number> = { low: 5, medium: 15, high: 30, critical: 50 };
/** Alerts at these severities open a case on their own; low ones (reportable transactions) wait to be grouped. */
const CASE_SEVERITIES: readonly Severity[] = ['medium', 'high', 'critical'];

/**
 * Watches every event: appends it to the audit chain, keeps the window state rules need in Postgres (so a restart
 * neither forgets nor repeats), checks it against every rule version in effect on the event's date, and raises each
 * finding once (a unique key per finding), opening a case and updating the subject's risk score.
 */
@Injectable()
export class MonitoringService {
  /** The rule table, read once per transaction: a fetched run of events is judged by the table as it began. */
  private readonly ruleTable = new PerTransaction((m) =>
    m.find(RuleVersionEntity, { order: { ruleId: 'ASC', version: 'DESC' } }),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async onEvent(m: EntityManager, event: DomainEvent, topic: string): Promise<void> {
    await this.audit.append(m, event, topic);
    await this.keepState(m, event);
    const day = shanghaiDate(new Date(event.occurredAt));
    const rules = (await this.rulesOn(m, day)).filter((r) => r.kind !== 'departure_notice_overdue');
    const ctx = await this.contextFor(m, event, rules);
    for (const rule of rules) {
      for (const finding of evaluate(rule, event, ctx)) {
        await this.raise(m, rule, finding, [event.eventId], new Date(event.occurredAt));
      }
    }
  }

  /** Departure notices not sent within 30 days: checked on a timer, since the breach is the absence of an event. */
  async sweepDepartureNotices(): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    return this.dataSource.transaction(async (m) => {
      const rule = (await this.rulesOn(m, today)).find((r) => r.kind === 'departure_notice_overdue');
      if (!rule) return 0;
      const late: {
        salesperson_id: string;
        policy_id: string;
        customer_id: string;
        due_on: string;
        departure_event_id: string;
      }[] = await m.query(
        `SELECT salesperson_id, policy_id, customer_id, due_on::text, departure_event_id FROM compliance.departure_task
           WHERE notified_at IS NULL AND alerted_at IS NULL AND due_on < $1
           ORDER BY due_on LIMIT 200 FOR UPDATE SKIP LOCKED`,
        [today],
      );
      for (const t of late) {
        await this.raise(
          m,
          rule,
          {
            subject: { kind: 'salesperson', id: t.salesperson_id },
            summary: `customer ${t.customer_id} of policy ${t.policy_id} not told by ${t.due_on} that salesperson ${t.salesperson_id} left`,
            dedupeKey: `${rule.ruleId}:${t.salesperson_id}:${t.policy_id}`,
          },
          [t.departure_event_id],
          this.clock.now(),
        );
        await m.query(
          `UPDATE compliance.departure_task SET alerted_at = $3 WHERE salesperson_id = $1 AND policy_id = $2`,
          [t.salesperson_id, t.policy_id, this.clock.now()],
        );
      }
      return late.length;
    });
  }

  /** Every rule's version in effect on a date. */
  async rulesOn(m: EntityManager, day: string): Promise<RuleVersion[]> {
    const rows = await this.ruleTable.get(m);
    const seen = new Set<string>();
    const out: RuleVersion[] = [];
    for (const r of rows) {
      if (seen.has(r.ruleId) || !isEffective(r, day)) continue;
      seen.add(r.ruleId);
      out.push(r);
    }
    return out;
  }

  private async raise(
    m: EntityManager,
    rule: RuleVersion,
    finding: Finding,
    evidence: string[],
    occurredAt: Date,
  ): Promise<void> {
    const now = this.clock.now();
    const alertId = randomUUID();
    const inserted: unknown[] = await m.query(
      `INSERT INTO compliance.alert (alert_id, rule_id, rule_version, severity, subject_kind, subject_id, summary, evidence_event_ids, dedupe_key, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (dedupe_key) DO NOTHING RETURNING alert_id`,
      [
        alertId,
        rule.ruleId,
        rule.version,
        rule.severity,
        finding.subject.kind,
        finding.subject.id,
        finding.summary,
        evidence,
        finding.dedupeKey,
        now,
      ],
    );
    if (inserted.length === 0) return;
    if (finding.transaction) {
      await m.insert(AmlTransactionEntity, {
        transactionId: randomUUID(),
        alertId,
        ruleId: rule.ruleId,
        ...finding.transaction,
        occurredAt,
      });
    }
    if (CASE_SEVERITIES.includes(rule.severity)) {
      const caseId = randomUUID();
      await m.insert(CaseEntity, {
        caseId,
        status: 'open',
        severity: rule.severity,
        assignee: null,
        openedAt: now,
        escalatedAt: null,
        closedAt: null,
        closedBy: null,
        resolution: null,
      });
      await m.update(AlertEntity, { alertId }, { caseId });
    }
    await this.outbox.publish(m, {
      type: 'compliance.alert-raised',
      aggregateId: alertId,
      payload: {
        alertId,
        ruleId: rule.ruleId,
        ruleVersion: rule.version,
        severity: rule.severity,
        subject: finding.subject,
        summary: finding.summary,
        evidenceEventIds: evidence,
        raisedAt: now.toISOString(),
      },
    });
    if (finding.subject.kind === 'customer' || finding.subject.kind === 'salesperson') {
      await this.rescore(m, finding.subject.kind, finding.subject.id);
    }
  }

  /** The subject's score: points per alert of the last 365 days by severity, capped at 100, with the rules behind it. */
  private async rescore(m: EntityManager, kind: string, id: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - 365 * 86_400_000);
    const alerts = await m.find(AlertEntity, {
      where: { subjectKind: kind, subjectId: id, raisedAt: MoreThanOrEqual(since) },
    });
    const byRule = new Map<string, { ruleId: string; alerts: number; points: number }>();
    for (const a of alerts) {
      const f = byRule.get(a.ruleId) ?? { ruleId: a.ruleId, alerts: 0, points: 0 };
      f.alerts += 1;
      f.points += SEVERITY_POINTS[a.severity];
      byRule.set(a.ruleId, f);
    }
    const factors = [...byRule.values()].sort((a, b) => b.points - a.points);
    const score = Math.min(
      100,
      factors.reduce((s, f) => s + f.points, 0),
    );
    await m.upsert(
      RiskScoreEntity,
      { subjectKind: kind, subjectId: id, score, factors, updatedAt: this.clock.now() },
      ['subjectKind', 'subjectId'],
    );
  }

  private async keepState(m: EntityManager, event: DomainEvent): Promise<void> {
    switch (event.type) {
      case 'sales.salesperson-registered': {
        const s = event.payload;
        // A producer from before the per-year hours announced this year's only.
        const byYear = s.trainingHoursByYear ?? {
          [shanghaiDate(new Date(s.registeredAt)).slice(0, 4)]: s.trainingHoursThisYear,
        };
        await m.query(
          `INSERT INTO compliance.salesperson_state
             (salesperson_id, grade, licence_valid_until, training_hours_by_year, service_started_on, status, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (salesperson_id) DO UPDATE SET grade = $2, licence_valid_until = $3,
             training_hours_by_year = $4, service_started_on = $5, status = $6, updated_at = $7`,
          [
            s.salespersonId,
            s.grade,
            s.licenceValidUntil,
            JSON.stringify(byYear),
            s.serviceStartedOn ?? null,
            s.status,
            this.clock.now(),
          ],
        );
        break;
      }
      case 'sales.salesperson-departed':
        for (const a of event.payload.affected) {
          await m.query(
            `INSERT INTO compliance.departure_task (salesperson_id, policy_id, customer_id, due_on, departure_event_id)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
            [event.payload.salespersonId, a.policyId, a.customerId, event.payload.noticeDueOn, event.eventId],
          );
        }
        break;
      case 'sales.departure-notice-sent':
        await m.query(
          `UPDATE compliance.departure_task SET notified_at = $3 WHERE salesperson_id = $1 AND policy_id = $2`,
          [event.payload.salespersonId, event.payload.policyId, new Date(event.payload.sentAt)],
        );
        break;
      case 'contract.policy-surrendered':
        await m.query(
          `INSERT INTO compliance.surrender_log (policy_id, policyholder_id, surrendered_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [event.payload.policyId, event.payload.policyholderId, event.payload.surrenderedOn],
        );
        break;
      case 'contract.policy-endorsed':
        await m.query(
          `INSERT INTO compliance.endorsement_log (policy_id, policy_version, endorsed_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [
            event.payload.policyId,
            event.payload.policyVersion,
            shanghaiDate(new Date(event.payload.endorsedAt)),
          ],
        );
        break;
      default:
        break;
    }
  }

  private async contextFor(
    m: EntityManager,
    event: DomainEvent,
    rules: readonly RuleVersion[],
  ): Promise<RuleContext> {
    const windowOf = (kind: string, fallback: number) => {
      const days = rules.find((r) => r.kind === kind)?.parameters.windowDays;
      return typeof days === 'number' ? days : fallback;
    };
    if (event.type === 'sales.application-submitted' || event.type === 'sales.quote-issued') {
      const [row] = await m.query(
        `SELECT grade, licence_valid_until::text AS "licenceValidUntil", training_hours_by_year AS "hoursByYear",
                service_started_on::text AS "serviceStartedOn", status
         FROM compliance.salesperson_state WHERE salesperson_id = $1`,
        [event.payload.salespersonId],
      );
      const person = row && {
        grade: row.grade,
        licenceValidUntil: row.licenceValidUntil,
        training: { hoursByYear: row.hoursByYear, serviceStartedOn: row.serviceStartedOn },
        status: row.status,
      };
      return { salesperson: () => person };
    }
    if (event.type === 'contract.policy-surrendered') {
      const windowStart = addDays(event.payload.surrenderedOn, -windowOf('aml_bulk_surrender', 30));
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM compliance.surrender_log WHERE policyholder_id = $1 AND surrendered_on BETWEEN $2 AND $3`,
        [event.payload.policyholderId, windowStart, event.payload.surrenderedOn],
      );
      return { surrendersInWindow: n };
    }
    if (event.type === 'contract.policy-endorsed') {
      const day = shanghaiDate(new Date(event.payload.endorsedAt));
      const [{ n }] = await m.query(
        `SELECT count(*)::int AS n FROM compliance.endorsement_log WHERE policy_id = $1 AND endorsed_on BETWEEN $2 AND $3`,
        [event.payload.policyId, addDays(day, -windowOf('frequent_changes', 90)), day],
      );
      return { endorsementsInWindow: n };
    }
    return {};
  }
}
