import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { RowWriter, sweepDue, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher, type EventCause } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { returnVisitDueOn, type VisitOutcome } from '../domain/return-visit';
import { ReturnVisitEntity } from '../infrastructure/return-visit.entity';
import { VisitAlreadyCompletedError } from '../domain/return-visit.errors';

@Injectable()
export class ReturnVisitService {
  private readonly writer: RowWriter<ReturnVisitEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.writer = new RowWriter(dataSource, ReturnVisitEntity);
  }

  /**
   * Schedules the visits for newly issued policies (a run of policy-issued events), in the delivery's transaction;
   * once per policy: a policy that has its visit already keeps it, and only a new visit is announced.
   */
  async schedule(
    m: EntityManager,
    policies: readonly {
      policyId: string;
      customerId: string;
      salespersonId: string;
      coolingOffEndsOn: string;
      issuedAt: string;
      cause: EventCause;
    }[],
  ): Promise<void> {
    const now = this.clock.now();
    const visits = policies.map((policy): ReturnVisitEntity => ({
      visitId: randomUUID(),
      policyId: policy.policyId,
      customerId: policy.customerId,
      salespersonId: policy.salespersonId,
      dueOn: returnVisitDueOn(policy.coolingOffEndsOn, shanghaiDate(new Date(policy.issuedAt))),
      status: 'scheduled',
      reached: null,
      identityConfirmed: null,
      termsUnderstood: null,
      wantsToWithdraw: null,
      notes: null,
      scheduledAt: now,
      completedAt: null,
      overdueAt: null,
    }));
    // The policy's unique key keeps the first visit: one already there, or the first of two in the run.
    const scheduled = await this.writer.write(m, visits, 'ignore');
    const causes = new Map(policies.map((p, i) => [visits[i].visitId, p.cause]));
    await this.outbox.publishAll(
      m,
      scheduled.map((visit) => ({
        type: 'sales.return-visit-scheduled' as const,
        aggregateId: visit.policyId,
        cause: causes.get(visit.visitId),
        payload: {
          visitId: visit.visitId,
          policyId: visit.policyId,
          customerId: visit.customerId,
          dueOn: visit.dueOn,
          scheduledAt: now.toISOString(),
        },
      })),
    );
  }

  /** Records what the call established. A late visit is still recorded: the customer's answers matter either way. */
  async complete(
    visitId: string,
    outcome: VisitOutcome & { notes?: string },
    ctx: RequestContext,
  ): Promise<ReturnVisitEntity> {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const visit = await m.findOne(ReturnVisitEntity, {
        where: { visitId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!visit) throw new ResourceNotFoundError('return visit', visitId);
      if (visit.status === 'completed') throw new VisitAlreadyCompletedError();
      Object.assign(visit, {
        ...outcome,
        notes: outcome.notes ?? null,
        status: 'completed',
        completedAt: now,
      });
      await m.save(visit);
      await this.outbox.publish(m, {
        type: 'sales.return-visit-completed',
        aggregateId: visit.policyId,
        payload: {
          visitId,
          policyId: visit.policyId,
          customerId: visit.customerId,
          salespersonId: visit.salespersonId,
          reached: outcome.reached,
          identityConfirmed: outcome.identityConfirmed,
          termsUnderstood: outcome.termsUnderstood,
          wantsToWithdraw: outcome.wantsToWithdraw,
          dueOn: visit.dueOn,
          completedAt: now.toISOString(),
        },
      });
      return visit;
    });
  }

  list(filter: { status?: ReturnVisitEntity['status']; salespersonId?: string; policyId?: string }) {
    const where: FindOptionsWhere<ReturnVisitEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.salespersonId) where.salespersonId = filter.salespersonId;
    if (filter.policyId) where.policyId = filter.policyId;
    return this.dataSource.manager.find(ReturnVisitEntity, { where, order: { dueOn: 'ASC' }, take: 200 });
  }

  /** Marks visits not completed by their due date and announces each once (SKIP LOCKED across replicas). */
  async sweepOverdue(limit = 100): Promise<number> {
    const now = this.clock.now();
    return sweepDue(
      this.dataSource,
      {
        entity: ReturnVisitEntity,
        alias: 'v',
        due: (q) =>
          q.where("v.status = 'scheduled'").andWhere('v.due_on < :today', { today: shanghaiDate(now) }),
        orderBy: 'v.due_on',
        limit,
      },
      async (m, visit) => {
        visit.status = 'overdue';
        visit.overdueAt = now;
        await m.save(visit);
        await this.outbox.publish(m, {
          type: 'sales.return-visit-overdue',
          aggregateId: visit.policyId,
          payload: {
            visitId: visit.visitId,
            policyId: visit.policyId,
            customerId: visit.customerId,
            dueOn: visit.dueOn,
            detectedAt: now.toISOString(),
          },
        });
      },
    );
  }
}
