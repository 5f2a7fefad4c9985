import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';
import { depart } from '../domain/salesperson';
import { DepartureNoticeEntity } from '../infrastructure/salesperson.entity';
import { SalespersonRepository } from '../infrastructure/salesperson.repository';

/**
 * Records a departure. Every customer of the salesperson's policies over one year that are still running gets a
 * notice task due 30 days later, and the departure is announced with the list.
 */
@Injectable()
export class DepartSalespersonHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly salespeople: SalespersonRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(salespersonId: string, departedOn: string, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const person = await this.salespeople.lock(m, salespersonId);
      const policies = await m.find(PolicyReplicaEntity, {
        where: { salespersonId, coverageTermYears: MoreThan(1), status: In(['in_force', 'suspended']) },
      });
      const decided = depart(person, departedOn, policies, now);
      await this.salespeople.save(m, person, decided.state, now);
      const notices = policies.map((p) =>
        m.create(DepartureNoticeEntity, {
          noticeId: randomUUID(),
          salespersonId,
          customerId: p.policyholderId,
          policyId: p.policyId,
          dueOn: decided.noticeDueOn,
          sentAt: null,
        }),
      );
      if (notices.length) await m.insert(DepartureNoticeEntity, notices);
      await this.outbox.publish(m, {
        type: 'sales.salesperson-departed',
        aggregateId: salespersonId,
        payload: decided.event,
      });
      return { salespersonId, departedOn, noticeDueOn: decided.noticeDueOn, notices };
    });
  }
}
