import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import type { Locale } from '@insurer/contracts';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { alertView } from '../../monitoring/application/alert-view';
import {
  AlertEntity,
  CaseCommentEntity,
  CaseEntity,
} from '../../monitoring/infrastructure/monitoring.entity';

@Injectable()
export class CaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: { status?: CaseEntity['status']; assignee?: string }) {
    const where: FindOptionsWhere<CaseEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.assignee) where.assignee = filter.assignee;
    return this.dataSource.manager.find(CaseEntity, { where, order: { openedAt: 'DESC' }, take: 200 });
  }

  /** The case with its alerts (worded in `locale`) and its record of steps. */
  async get(caseId: string, locale: Locale) {
    const m = this.dataSource.manager;
    const kase = await m.findOne(CaseEntity, { where: { caseId } });
    if (!kase) throw new ResourceNotFoundError('case', caseId);
    const [alerts, comments] = await Promise.all([
      m.find(AlertEntity, { where: { caseId }, order: { raisedAt: 'ASC' } }),
      m.find(CaseCommentEntity, { where: { caseId }, order: { createdAt: 'ASC' } }),
    ]);
    return { ...kase, alerts: alerts.map((a) => alertView(a, locale)), comments };
  }
}
