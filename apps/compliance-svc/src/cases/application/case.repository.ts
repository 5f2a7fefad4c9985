import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { Clock } from '@insurer/platform-time';
import type { CaseState, CaseStep } from '../../monitoring/domain/case';
import { CaseCommentEntity, CaseEntity } from '../../monitoring/infrastructure/monitoring.entity';

/** Cases and their record of steps, written through the caller's transaction. */
@Injectable()
export class CaseRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** One step on the locked case, in a transaction of its own. */
  step(caseId: string, decide: (c: CaseState) => CaseStep, ctx: RequestContext): Promise<CaseEntity> {
    return transaction(this.dataSource, ctx, async (m) => {
      const c = await this.lock(m, caseId);
      return this.save(m, c, decide(c));
    });
  }

  async lock(m: EntityManager, caseId: string): Promise<CaseEntity> {
    const c = await m.findOne(CaseEntity, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw new ResourceNotFoundError('case', caseId);
    return c;
  }

  /** The step's state over the row, and its line in the record. */
  async save(m: EntityManager, row: CaseEntity, step: CaseStep): Promise<CaseEntity> {
    Object.assign(row, step.state);
    await m.save(row);
    await this.note(m, row.caseId, step);
    return row;
  }

  async note(m: EntityManager, caseId: string, step: CaseStep): Promise<void> {
    await m.insert(CaseCommentEntity, {
      commentId: randomUUID(),
      caseId,
      author: step.note.author,
      kind: step.note.kind,
      text: step.note.text,
      createdAt: this.clock.now(),
    });
  }
}
