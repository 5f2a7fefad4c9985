import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import {
  ImmutableRows,
  PrimaryKeyReader,
  RowWriter,
  queueWrite,
  rowSetInsert,
} from '@insurer/platform-database';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import type { ClaimState, Decided, HistoryLine, TimerChange } from '../domain/claim';
import { timerDueOn, type TimerKind } from '../domain/statutory-timers';
import { ClaimsProductReplicaEntity } from '../../replica/infrastructure/replica.entity';
import { ClaimDocumentEntity, ClaimEntity, ClaimTimerEntity } from './claim.entity';

/** A history line as written; its detail is JSON. */
const HISTORY_COLUMNS = [
  { name: 'claim_id' },
  { name: 'at' },
  { name: 'action' },
  { name: 'actor' },
  { name: 'detail', json: true },
];

/**
 * Loads claims and writes what the aggregate decided: the state, its statutory timers, its history lines and its
 * events, all through the caller's transaction.
 */
@Injectable()
export class ClaimRepository {
  /** GET /claims/{id} is the hottest read: one statement, no query builder. */
  private readonly byId: PrimaryKeyReader<ClaimEntity>;
  /** POST /claims is the hottest write: statements made once from the metadata, no query builder either. */
  private readonly rows: RowWriter<ClaimEntity>;
  private readonly timers: RowWriter<ClaimTimerEntity>;
  /** Product versions never change once published (their definitions are large JSON): read once per process. */
  private readonly products: ImmutableRows<ClaimsProductReplicaEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.byId = new PrimaryKeyReader(dataSource, ClaimEntity);
    this.rows = new RowWriter(dataSource, ClaimEntity);
    this.timers = new RowWriter(dataSource, ClaimTimerEntity);
    this.products = ImmutableRows.of(dataSource, ClaimsProductReplicaEntity);
  }

  /** The product version a policy was sold on, as received from sales; null while it has not been. */
  product(
    m: EntityManager,
    productCode: string,
    version: number,
  ): Promise<ClaimsProductReplicaEntity | null> {
    return this.products.get(m, productCode, version);
  }

  async find(claimId: string): Promise<ClaimEntity> {
    const claim = await this.byId.find(claimId);
    if (!claim) throw new ResourceNotFoundError('claim', claimId);
    return claim;
  }

  /** The claim locked for this transaction, so concurrent steps on one claim run one after the other. */
  async lock(m: EntityManager, claimId: string): Promise<ClaimEntity> {
    const claim = await m.findOne(ClaimEntity, { where: { claimId }, lock: { mode: 'pessimistic_write' } });
    if (!claim) throw new ResourceNotFoundError('claim', claimId);
    return claim;
  }

  /** A new claim's row of these values, as `EntityManager.create` makes one (see `RowWriter.entity`). */
  newRow(values: Partial<ClaimEntity>): ClaimEntity {
    return this.rows.entity(values);
  }

  async insert(m: EntityManager, claim: ClaimEntity, decided: Decided): Promise<void> {
    await this.rows.write(m, [claim]);
    await this.writeEffects(m, claim.claimId, decided);
  }

  /** The new state over the loaded row (the sealed account stays as it is), then the decision's effects. */
  async save(m: EntityManager, row: ClaimEntity, decided: Decided): Promise<ClaimEntity> {
    if (decided.state !== row) {
      Object.assign(row, decided.state);
      await m.save(row);
    }
    await this.writeEffects(m, row.claimId, decided);
    return row;
  }

  /**
   * The lines in one statement, in their order. Nothing reads its answer, so it goes with the transaction's next
   * statement or its COMMIT (`queueWrite`): POST /claims is then two round trips, its read with BEGIN and its writes
   * with COMMIT.
   */
  async history(m: EntityManager, claimId: string, lines: readonly HistoryLine[]): Promise<void> {
    if (lines.length === 0) return;
    const at = this.clock.now();
    const { sql, json } = rowSetInsert(
      'claims.claim_history',
      HISTORY_COLUMNS,
      lines.map((line) => [claimId, at, line.action, line.actor, JSON.stringify(line.detail)]),
    );
    await queueWrite(m, sql, [json]);
  }

  async addDocuments(
    m: EntityManager,
    claimId: string,
    documents: readonly { kind: string; reference: string; sha256: string }[],
    actor: string,
  ): Promise<void> {
    const now = this.clock.now();
    for (const d of documents) {
      await m.insert(ClaimDocumentEntity, {
        documentId: randomUUID(),
        claimId,
        ...d,
        submittedBy: actor,
        submittedAt: now,
      });
    }
  }

  async documentKinds(m: EntityManager, claimId: string): Promise<string[]> {
    return (await m.find(ClaimDocumentEntity, { where: { claimId } })).map((d) => d.kind);
  }

  /** How many of this claim's documents were also filed, by SHA-256, with another claim. */
  async reusedDocuments(m: EntityManager, claimId: string): Promise<number> {
    const documents = await m.find(ClaimDocumentEntity, { where: { claimId } });
    if (!documents.length) return 0;
    return m.count(ClaimDocumentEntity, {
      where: { sha256: In(documents.map((d) => d.sha256)), claimId: Not(claimId) },
    });
  }

  /** Paid claims on the same policy and coverage, other than this one. */
  async earlierPaid(m: EntityManager, claim: ClaimState) {
    return m.find(ClaimEntity, {
      where: {
        policyId: claim.policyId,
        coverageCode: claim.coverageCode,
        claimId: Not(claim.claimId),
        paidFen: Not(0),
      },
    });
  }

  async otherClaimsOfInsured(m: EntityManager, claim: ClaimState) {
    return m.find(ClaimEntity, { where: { insuredId: claim.insuredId, claimId: Not(claim.claimId) } });
  }

  async timer(m: EntityManager, claimId: string, kind: TimerKind): Promise<ClaimTimerEntity | null> {
    return m.findOne(ClaimTimerEntity, { where: { claimId, kind } });
  }

  private async writeEffects(m: EntityManager, claimId: string, decided: Decided): Promise<void> {
    await this.applyTimers(m, claimId, decided.timers);
    await this.history(m, claimId, decided.history);
    if (decided.events.length) await this.outbox.publishAll(m, decided.events);
  }

  private async applyTimers(m: EntityManager, claimId: string, changes: readonly TimerChange[]) {
    const now = this.clock.now();
    for (const change of changes) {
      switch (change.action) {
        case 'start':
          await this.timers.write(
            m,
            [
              {
                claimId,
                kind: change.kind,
                startedOn: change.startedOn,
                dueOn: timerDueOn(change.kind, change.startedOn),
                status: 'pending',
                amountFen: change.amountFen ?? null,
                warnedAt: null,
                breachedAt: null,
                metAt: null,
              },
            ],
            'update',
          );
          break;
        case 'meet':
          await m.update(
            ClaimTimerEntity,
            { claimId, kind: change.kind, status: In(['pending', 'warned', 'breached']) },
            { status: 'met', metAt: now },
          );
          break;
        case 'cancel':
          await m.update(
            ClaimTimerEntity,
            { claimId, kind: change.kind, status: In(['pending', 'warned']) },
            { status: 'cancelled' },
          );
          break;
        case 'drop':
          await m.delete(ClaimTimerEntity, { claimId, kind: In([...change.kinds]) });
          break;
      }
    }
  }
}
