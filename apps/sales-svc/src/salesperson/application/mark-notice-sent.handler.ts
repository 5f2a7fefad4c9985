import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { assertNoticeUnsent } from '../domain/salesperson';
import { DepartureNoticeEntity } from '../infrastructure/salesperson.entity';

/** A departed salesperson's customer was told: recorded once and announced for compliance. */
@Injectable()
export class MarkNoticeSentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(
    salespersonId: string,
    noticeId: string,
    ctx: RequestContext,
  ): Promise<DepartureNoticeEntity> {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const notice = await m.findOne(DepartureNoticeEntity, {
        where: { noticeId, salespersonId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!notice) throw new ResourceNotFoundError('notice', noticeId);
      assertNoticeUnsent(notice);
      notice.sentAt = now;
      await m.save(notice);
      await this.outbox.publish(m, {
        type: 'sales.departure-notice-sent',
        aggregateId: salespersonId,
        payload: {
          salespersonId,
          customerId: notice.customerId,
          policyId: notice.policyId,
          sentAt: now.toISOString(),
        },
      });
      return notice;
    });
  }
}
