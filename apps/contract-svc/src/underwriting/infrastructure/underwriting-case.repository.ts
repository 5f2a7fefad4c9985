import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PrimaryKeyReader, RowWriter } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import type { CaseDecided, CaseState } from '../domain/underwriting-case';
import { UnderwritingCaseEntity } from './underwriting-case.entity';

/** Underwriting cases; each decision is written with its event through the caller's transaction. */
@Injectable()
export class UnderwritingCaseRepository {
  // Writes nothing waits for, sent with the transaction's next statement or its COMMIT.
  private readonly rows: RowWriter<UnderwritingCaseEntity>;
  private readonly byId: PrimaryKeyReader<UnderwritingCaseEntity>;

  constructor(
    private readonly outbox: OutboxPublisher,
    dataSource: DataSource,
  ) {
    this.rows = new RowWriter(dataSource, UnderwritingCaseEntity);
    this.byId = new PrimaryKeyReader(dataSource, UnderwritingCaseEntity);
  }

  async lock(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await this.lockIfExists(m, applicationId);
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }

  /** The case as committed, read on the pool outside any transaction. */
  findCommitted(applicationId: string): Promise<UnderwritingCaseEntity | null> {
    return this.byId.find(applicationId);
  }

  /** The case as the caller's transaction sees it, unlocked. */
  find(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity | null> {
    return this.byId.findIn(m, applicationId);
  }

  /** The case locked for the rest of the transaction (`FOR UPDATE`): decisions and the offer's steps take turns. */
  lockIfExists(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity | null> {
    return this.byId.findForUpdateIn(m, applicationId);
  }

  async insert(m: EntityManager, decided: CaseDecided): Promise<void> {
    await this.rows.write(m, [this.rows.entity(decided.state)]);
    await this.announce(m, decided);
  }

  /** A case this transaction holds (`lock`, or the offer issuer's) written back with its new state. */
  async save(m: EntityManager, row: UnderwritingCaseEntity, state?: CaseState, decided?: CaseDecided) {
    if (state) Object.assign(row, state);
    await this.rows.update(m, row);
    if (decided) await this.announce(m, decided);
    return row;
  }

  private async announce(m: EntityManager, decided: CaseDecided): Promise<void> {
    await this.outbox.publish(m, {
      type: 'contract.underwriting-decided',
      aggregateId: decided.state.applicationId,
      payload: decided.event,
    });
  }
}
