import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DomainEvent } from '@insurer/contracts';
import { isInTransaction, queueWrite, rowSetInsert } from '@insurer/platform-database';
import { Clock } from '@insurer/platform-time';
import { ChainWalk, canonicalJson, entryHash, type ChainVerdict } from '../domain/hash-chain';
import { ChainHead } from './chain-head';

/** An entry as appended; the canonical JSON is text (its hash is of that text, byte for byte). */
const AUDIT_COLUMNS = [
  'event_id',
  'topic',
  'event_type',
  'occurred_at',
  'recorded_at',
  'canonical',
  'prev_hash',
  'hash',
].map((name) => ({ name }));

/**
 * The tamper-evident audit log (manual 6.4): every consumed event, in order, each entry carrying the SHA-256 of its
 * canonical JSON and of the entry before it. Appends lock the chain's tip row until their transaction ends, so the
 * chain has one order even with several consumers; a trigger moves the tip with every insert. A redelivered event is
 * already in the log and is not appended twice.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly head: ChainHead,
  ) {}

  /**
   * The chain's last hash as each open transaction left it. The head's lock is held until that transaction ends, so
   * the consumer's later appends in it (a fetched run of events is applied in one) need neither the lock again nor
   * a read of the tip. A new transaction, also after a rollback, is a new manager and starts from the table.
   */
  private readonly tips = new WeakMap<EntityManager, string>();

  async append(m: EntityManager, event: DomainEvent, topic: string): Promise<void> {
    await this.appendAll(m, [event], topic);
  }

  /**
   * Appends a run of events in one statement, each entry chained to the one before it, sent with the transaction's
   * next statement (nothing waits for it). The log refuses an entry that does not continue the chain (a trigger), so
   * a run holding an event the log already has (a redelivery under another inbox) fails as a whole when that
   * statement is answered, and its events are then appended one at a time; a lone event the log has is left out and
   * the chain goes on from where it was.
   */
  async appendAll(m: EntityManager, events: readonly DomainEvent[], topic: string): Promise<void> {
    if (events.length === 0) return;
    const inTransaction = isInTransaction(m);
    // The chain goes on from this transaction's last append, or from the tip row (locked) on its first.
    let tip = (inTransaction ? this.tips.get(m) : undefined) ?? (await this.head.lockedTip(m));
    const recordedAt = this.clock.now();
    const rows: unknown[][] = [];
    for (const event of events) {
      const canonical = canonicalJson(event);
      const hash = entryHash(tip, canonical);
      rows.push([event.eventId, topic, event.type, event.occurredAt, recordedAt, canonical, tip, hash]);
      tip = hash;
    }
    const { sql, json } = rowSetInsert('compliance.audit_log', AUDIT_COLUMNS, rows);
    await queueWrite(m, `${sql} ON CONFLICT (event_id) DO NOTHING`, [json]);
    // Should a lone event have been in the log already, a later append in this transaction chains onto a hash the
    // log does not hold: the trigger refuses it, and the events go again one transaction each.
    if (inTransaction) this.tips.set(m, tip);
  }

  /** The whole chain verified a page at a time: the service holds one page, however long the log. */
  async verify(): Promise<ChainVerdict & { checkedAt: string }> {
    const walk = new ChainWalk();
    let after = 0;
    for (;;) {
      const page: { seq: string; prev_hash: string; hash: string; canonical: string }[] =
        await this.dataSource.query(
          `SELECT seq, prev_hash, hash, canonical FROM compliance.audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
          [after],
        );
      if (page.length === 0) break;
      walk.add(
        page.map((r) => ({
          seq: Number(r.seq),
          prevHash: r.prev_hash,
          hash: r.hash,
          canonical: r.canonical,
        })),
      );
      after = Number(page[page.length - 1].seq);
    }
    return { ...walk.verdict(), checkedAt: this.clock.now().toISOString() };
  }

  async entries(filter: { afterSeq?: number; eventType?: string; limit?: number }) {
    const params: unknown[] = [filter.afterSeq ?? 0, Math.min(filter.limit ?? 100, 1000)];
    let sql = `SELECT seq, event_id, topic, event_type, occurred_at, recorded_at, hash, prev_hash FROM compliance.audit_log WHERE seq > $1`;
    if (filter.eventType) {
      params.push(filter.eventType);
      sql += ` AND event_type = $3`;
    }
    return this.dataSource.query(`${sql} ORDER BY seq LIMIT $2`, params);
  }
}
