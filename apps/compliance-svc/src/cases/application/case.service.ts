import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import {
  AlertEntity,
  CaseCommentEntity,
  CaseEntity,
} from '../../monitoring/infrastructure/monitoring.entity';

export class CaseStateError extends AppError {
  constructor(c: CaseEntity, action: string) {
    super('CASE.WRONG_STATE', 'conflict', `case ${c.caseId} is ${c.status}; it cannot be ${action}`);
  }
}

export type Resolution = 'no_breach' | 'remediated' | 'reported_to_regulator' | 'disciplinary';

/** Compliance cases (manual 7.3): open, investigating, escalated, closed with a resolution; each step is a comment line. */
@Injectable()
export class CaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  list(filter: { status?: CaseEntity['status']; assignee?: string }) {
    const where: FindOptionsWhere<CaseEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.assignee) where.assignee = filter.assignee;
    return this.dataSource.manager.find(CaseEntity, { where, order: { openedAt: 'DESC' }, take: 200 });
  }

  async get(caseId: string) {
    const m = this.dataSource.manager;
    const kase = await m.findOne(CaseEntity, { where: { caseId } });
    if (!kase) throw new ResourceNotFoundError('case', caseId);
    const [alerts, comments] = await Promise.all([
      m.find(AlertEntity, { where: { caseId }, order: { raisedAt: 'ASC' } }),
      m.find(CaseCommentEntity, { where: { caseId }, order: { createdAt: 'ASC' } }),
    ]);
    return { ...kase, alerts, comments };
  }

  /** Groups alerts (typically low-severity reportable transactions) into a new case. */
  async open(alertIds: string[], actor: string) {
    return this.dataSource.transaction(async (m) => {
      const alerts = await m.find(AlertEntity, {
        where: { alertId: In(alertIds) },
        lock: { mode: 'pessimistic_write' },
      });
      if (alerts.length !== alertIds.length) throw new ResourceNotFoundError('alert', alertIds.join(','));
      const taken = alerts.filter((a) => a.caseId);
      if (taken.length)
        throw new AppError(
          'CASE.ALERT_TAKEN',
          'conflict',
          `alerts already in a case: ${taken.map((a) => a.alertId).join(', ')}`,
        );
      const order = ['low', 'medium', 'high', 'critical'];
      const severity = alerts.map((a) => a.severity).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
      const caseId = randomUUID();
      await m.insert(CaseEntity, {
        caseId,
        status: 'open',
        severity,
        assignee: null,
        openedAt: this.clock.now(),
        escalatedAt: null,
        closedAt: null,
        closedBy: null,
        resolution: null,
      });
      await m.update(AlertEntity, { alertId: In(alertIds) }, { caseId });
      await this.note(m, caseId, actor, 'comment', `case opened from ${alertIds.length} alert(s)`);
      return { caseId };
    });
  }

  async assign(caseId: string, assignee: string, actor: string) {
    return this.transition(caseId, ['open', 'investigating', 'escalated'], async (m, c) => {
      c.assignee = assignee;
      if (c.status === 'open') c.status = 'investigating';
      await this.note(m, caseId, actor, 'assignment', `assigned to ${assignee}`);
    });
  }

  async comment(caseId: string, actor: string, text: string, kind: 'comment' | 'evidence' = 'comment') {
    return this.transition(caseId, ['open', 'investigating', 'escalated'], async (m) => {
      await this.note(m, caseId, actor, kind, text);
    });
  }

  async escalate(caseId: string, actor: string, reason: string) {
    return this.transition(caseId, ['open', 'investigating'], async (m, c) => {
      c.status = 'escalated';
      c.escalatedAt = this.clock.now();
      await this.note(m, caseId, actor, 'escalation', reason);
    });
  }

  async close(caseId: string, actor: string, resolution: Resolution, note: string) {
    return this.transition(caseId, ['open', 'investigating', 'escalated'], async (m, c) => {
      const now = this.clock.now();
      c.status = 'closed';
      c.closedAt = now;
      c.closedBy = actor;
      c.resolution = resolution;
      await this.note(m, caseId, actor, 'closure', note);
      const alerts = await m.find(AlertEntity, { where: { caseId } });
      await this.outbox.publish(m, {
        type: 'compliance.case-closed',
        aggregateId: caseId,
        payload: {
          caseId,
          alertIds: alerts.map((a) => a.alertId),
          resolution,
          closedBy: actor,
          closedAt: now.toISOString(),
        },
      });
    });
  }

  private async transition(
    caseId: string,
    from: CaseEntity['status'][],
    apply: (m: EntityManager, c: CaseEntity) => Promise<void>,
  ) {
    return this.dataSource.transaction(async (m) => {
      const c = await m.findOne(CaseEntity, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw new ResourceNotFoundError('case', caseId);
      if (!from.includes(c.status)) throw new CaseStateError(c, 'changed that way');
      await apply(m, c);
      await m.save(c);
      return c;
    });
  }

  private async note(
    m: EntityManager,
    caseId: string,
    author: string,
    kind: CaseCommentEntity['kind'],
    text: string,
  ) {
    await m.insert(CaseCommentEntity, {
      commentId: randomUUID(),
      caseId,
      author,
      kind,
      text,
      createdAt: this.clock.now(),
    });
  }
}
