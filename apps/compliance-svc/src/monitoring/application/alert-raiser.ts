import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { OutboxPublisher, type EventCause } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { newCase } from '../domain/case';
import type { Finding, RuleVersion, Severity } from '../domain/rules';
import {
  AlertEntity,
  AmlTransactionEntity,
  CaseEntity,
  RiskScoreEntity,
} from '../infrastructure/monitoring.entity';

const SEVERITY_POINTS: Record<Severity, number> = { low: 5, medium: 15, high: 30, critical: 50 };
/** Alerts at these severities open a case on their own; low ones (reportable transactions) wait to be grouped. */
const CASE_SEVERITIES: readonly Severity[] = ['medium', 'high', 'critical'];

/**
 * Raises a rule's finding once (a unique key per finding): the alert, its AML transaction record, a case for a
 * serious one, the event, and the subject's new risk score.
 */
@Injectable()
export class AlertRaiser {
  constructor(
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async raise(
    m: EntityManager,
    rule: RuleVersion,
    finding: Finding,
    evidence: string[],
    occurredAt: Date,
    /** The event the finding is about, which the alert's event names as its cause (none for a sweep's finding). */
    cause?: EventCause,
  ): Promise<void> {
    const now = this.clock.now();
    const alertId = randomUUID();
    const inserted: unknown[] = await m.query(
      `INSERT INTO compliance.alert (alert_id, rule_id, rule_version, severity, subject_kind, subject_id, summary, message, evidence_event_ids, dedupe_key, raised_at, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (dedupe_key) DO NOTHING RETURNING alert_id`,
      [
        alertId,
        rule.ruleId,
        rule.version,
        rule.severity,
        finding.subject.kind,
        finding.subject.id,
        finding.summary,
        finding.message,
        evidence,
        finding.dedupeKey,
        now,
        rule.source,
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
      await m.insert(CaseEntity, newCase(caseId, rule.severity, now));
      await m.update(AlertEntity, { alertId }, { caseId });
    }
    await this.outbox.publish(m, {
      type: 'compliance.alert-raised',
      aggregateId: alertId,
      cause,
      payload: {
        alertId,
        ruleId: rule.ruleId,
        ruleVersion: rule.version,
        source: rule.source,
        severity: rule.severity,
        subject: finding.subject,
        summary: finding.summary,
        message: finding.message,
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
}
