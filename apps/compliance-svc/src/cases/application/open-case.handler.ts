import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { Clock } from '@insurer/platform-time';
import { openFromAlerts } from '../../monitoring/domain/case';
import { AlertEntity, CaseEntity } from '../../monitoring/infrastructure/monitoring.entity';
import { CaseRepository } from './case.repository';

/** Groups alerts (typically low-severity reportable transactions) into a new case. */
@Injectable()
export class OpenCaseHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly clock: Clock,
  ) {}

  async execute(alertIds: string[], actor: string, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (m) => {
      const alerts = await m.find(AlertEntity, {
        where: { alertId: In(alertIds) },
        lock: { mode: 'pessimistic_write' },
      });
      if (alerts.length !== alertIds.length) throw new ResourceNotFoundError('alert', alertIds.join(','));
      const step = openFromAlerts(randomUUID(), alerts, actor, this.clock.now());
      await m.insert(CaseEntity, step.state);
      await m.update(AlertEntity, { alertId: In(alertIds) }, { caseId: step.state.caseId });
      await this.cases.note(m, step.state.caseId, step);
      return { caseId: step.state.caseId };
    });
  }
}
