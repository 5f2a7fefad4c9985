import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { sweepDue } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { returnVisitDueOn, type VisitOutcome } from '../domain/return-visit';
import { ReturnVisitEntity } from '../infrastructure/return-visit.entity';
import { VisitAlreadyCompletedError } from '../domain/return-visit.errors';

@Injectable()
export class ReturnVisitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  /** Schedules the visit for a newly issued policy, in the delivery's transaction; once per policy. */
  async schedule(
    m: EntityManager,
    policy: {
      policyId: string;
      customerId: string;
      salespersonId: string;
      coolingOffEndsOn: string;
      issuedAt: string;
    },
  ): Promise<void> {
    if (await m.findOne(ReturnVisitEntity, { where: { policyId: policy.policyId } })) return;
    const now = this.clock.now();
    const visit = m.create(ReturnVisitEntity, {
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
    });
    await m.insert(ReturnVisitEntity, visit);
    await this.outbox.publish(m, {
      type: 'sales.return-visit-scheduled',
      aggregateId: policy.policyId,
      payload: {
        visitId: visit.visitId,
        policyId: visit.policyId,
        customerId: visit.customerId,
        dueOn: visit.dueOn,
        scheduledAt: now.toISOString(),
      },
    });
  }

  /** Records what the call established. A late visit is still recorded: the customer's answers matter either way. */
  async complete(visitId: string, outcome: VisitOutcome & { notes?: string }): Promise<ReturnVisitEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (m) => {
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
