import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { close, type Resolution } from '../../monitoring/domain/case';
import { AlertEntity } from '../../monitoring/infrastructure/monitoring.entity';
import { CaseRepository } from './case.repository';

/** Closes a case with its resolution and announces it with every alert it held. */
@Injectable()
export class CloseCaseHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  execute(caseId: string, actor: string, resolution: Resolution, note: string, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (m) => {
      const c = await this.cases.lock(m, caseId);
      const alerts = await m.find(AlertEntity, { where: { caseId } });
      const closed = close(
        c,
        actor,
        resolution,
        note,
        alerts.map((a) => a.alertId),
        this.clock.now(),
      );
      await this.cases.save(m, c, closed);
      await this.outbox.publish(m, {
        type: 'compliance.case-closed',
        aggregateId: caseId,
        payload: closed.event,
      });
      return c;
    });
  }
}
