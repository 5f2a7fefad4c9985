import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { HeldReads, PrimaryKeyReader, RowWriter } from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { MetricsRegistry } from '@insurer/platform-observability';
import type { CaseDecided, CaseState } from '../domain/underwriting-case';
import { UnderwritingCaseEntity } from './underwriting-case.entity';

/** Underwriting cases; each decision is written with its event through the caller's transaction. */
@Injectable()
export class UnderwritingCaseRepository implements BeforeApplicationShutdown {
  // Writes nothing waits for, sent with the transaction's next statement or its COMMIT.
  private readonly rows: RowWriter<UnderwritingCaseEntity>;
  private readonly byId: PrimaryKeyReader<UnderwritingCaseEntity>;
  /** Reads of a case not opened yet that asked to wait for it (`findCommitted` with a wait), by application. */
  private readonly opened: HeldReads;

  constructor(
    private readonly outbox: OutboxPublisher,
    dataSource: DataSource,
    metrics: MetricsRegistry,
  ) {
    this.rows = new RowWriter(dataSource, UnderwritingCaseEntity);
    this.byId = new PrimaryKeyReader(dataSource, UnderwritingCaseEntity);
    this.opened = new HeldReads(metrics, 'underwriting_case');
  }

  async lock(m: EntityManager, applicationId: string): Promise<UnderwritingCaseEntity> {
    const kase = await this.lockIfExists(m, applicationId);
    if (!kase) throw new ResourceNotFoundError('underwriting case', applicationId);
    return kase;
  }

  /**
   * The case as committed, read on the pool outside any transaction. With `waitMs`, a case not opened yet is waited
   * for that long: read again as soon as this process commits it, and every quarter second for one another replica
   * opens.
   */
  async findCommitted(applicationId: string, waitMs = 0): Promise<UnderwritingCaseEntity | null> {
    if (waitMs <= 0) return this.byId.find(applicationId);
    const found = await this.opened.read(
      applicationId,
      waitMs,
      async () => (await this.byId.find(applicationId)) ?? undefined,
    );
    return found ?? null;
  }

  beforeApplicationShutdown(): void {
    this.opened.close();
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
    this.opened.wakeAfterCommit(m, decided.state.applicationId);
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
