import { Client } from 'pg';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { preparingClient } from '@insurer/platform-database';
import { KeyHashPartitioner } from './key-partitioner';
import type { LocalRelay } from './local-relay';
import { outboxChannel } from './outbox';

export interface OutboxRelayOptions {
  readonly schema: string;
  readonly connectionString: string;
  /** How many statements its connection prepares (DB_PREPARED_STATEMENTS); none when not given. */
  readonly preparedStatements?: number;
  readonly kafka: Kafka;
  readonly logger?: Logger;
  readonly batchSize?: number;
  /** How often to look for rows when no notification arrived (notifications are not durable). */
  readonly pollIntervalMs?: number;
  /**
   * How long a sent batch waits to be marked for the next rows to arrive, so that one statement marks it and reads
   * them. New rows notify, so the wait never delays them; it only leaves a sent batch unmarked that long.
   */
  readonly markDelayMs?: number;
  /** Sent rows older than this are deleted. */
  readonly retentionHours?: number;
  /** Called after Kafka acknowledged a batch and before the rows are marked sent (metrics; fault injection in tests). */
  readonly onBatchSent?: (eventIds: string[]) => Promise<void> | void;
  /** Shared with the process's `OutboxPublisher`: while this relay leads, its writers wake it in process. */
  readonly local?: LocalRelay;
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  /** The envelope's JSON text as stored: sent as is, never parsed and re-serialised. */
  envelope: string;
  headers: Record<string, string>;
}

/** Batches read ahead of the previous one's acknowledgement before the unsent rows are scanned from the start. */
const MAX_CHAINED = 8;

/**
 * Publishes committed outbox rows to Kafka in id order. Only one relay per schema is active at a time (a Postgres
 * session advisory lock), which keeps each key's events in order across replicas; the others wait as standbys.
 * Delivery is at least once: a crash between send and mark resends the batch, and consumers' inboxes drop the copies.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionHours: number;
  private readonly markDelayMs: number;
  private stopped = false;
  private running: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A notification came while the relay was busy: the next pause returns at once instead of waiting it out. */
  private notified = false;
  private client: Client | undefined;
  private producer: Producer | undefined;
  private lastCleanup = 0;
  /** Batches read ahead in a row since the last full scan of the unsent rows. */
  private chained = 0;
  /**
   * Through a backlog, the statement marking the last sent batch, still running while the next batch is sent. It is
   * awaited before the next mark and before anything else, so at most one mark is outstanding.
   */
  private marking: Promise<unknown> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.retentionHours = options.retentionHours ?? 72;
    this.markDelayMs = options.markDelayMs ?? 50;
  }

  start(): void {
    this.stopped = false;
    this.running ??= this.supervise();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
  }

  /** Restarts the loop after any failure (lost connection, broker down), so the relay heals by itself. */
  private async supervise(): Promise<void> {
    let backoff = 250;
    while (!this.stopped) {
      try {
        await this.runAsLeader();
        backoff = 250;
      } catch (err) {
        this.options.logger?.warn({ err }, 'outbox relay failed; restarting');
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      } finally {
        await this.release();
      }
    }
  }

  private async runAsLeader(): Promise<void> {
    const client = new (preparingClient(this.options.preparedStatements ?? 0))({
      connectionString: this.options.connectionString,
      application_name: `${this.options.schema}-relay`,
    });
    client.on('error', (err) => this.options.logger?.warn({ err }, 'outbox relay connection error'));
    this.client = client;
    await client.connect();
    // Marking a batch reads `id = ANY($1)`. Postgres prices the generic plan for ten ids and a custom plan for the
    // batch's few, so it kept planning the statement for every batch (165 us a time, more than running it), though
    // both plans are the same two index scans. The relay's statements all read by the outbox's indexes.
    await client.query('SET plan_cache_mode = force_generic_plan');
    const lockKey = `${this.options.schema}.outbox-relay`;
    while (!this.stopped) {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [lockKey],
      );
      if (rows[0].locked) break;
      await this.pause(1_000);
    }
    if (this.stopped) return;
    const wakeUp = () => {
      this.notified = true;
      this.wake?.();
    };
    client.on('notification', wakeUp);
    await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
    // Listening first: a writer that stops notifying once this is set is then always heard one way or the other.
    this.options.local?.lead(wakeUp);
    const producer = this.options.kafka.producer({
      idempotent: true,
      // murmur2 like the Java client, so keys land where other Kafka clients put them.
      createPartitioner: KeyHashPartitioner,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    this.producer = producer;
    await producer.connect();
    let rows = await this.pending(client);
    while (!this.stopped) {
      await this.cleanupIfDue(client);
      if (rows.length === 0) {
        await this.pause(this.pollIntervalMs);
        if (this.stopped) break;
        rows = await this.pending(client);
        continue;
      }
      const ahead = await this.send(client, producer, rows);
      if (ahead) {
        rows = ahead;
        continue;
      }
      // Without a backlog, a flow's events come a few milliseconds apart: waiting that long for a notification
      // lets one statement mark this batch and read the next instead of two. A full batch means more rows are
      // waiting already. Also when stopping: marked, not resent.
      if (rows.length < this.batchSize) await this.pause(this.markDelayMs);
      rows = await this.markAndNext(client, rows);
    }
    await this.marked();
  }

  /** Waits for the mark still running from the backlog, if any; its failure fails the relay's turn. */
  private async marked(): Promise<void> {
    const marking = this.marking;
    this.marking = undefined;
    await marking;
  }

  private readonly columns = `id, event_id, topic, message_key, envelope::text AS envelope, headers`;

  /** The oldest unsent rows. */
  private async pending(client: Client): Promise<OutboxRow[]> {
    this.notified = false;
    const { rows } = await client.query<OutboxRow>(
      `SELECT ${this.columns} FROM "${this.options.schema}".outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
      [this.batchSize],
    );
    return rows;
  }

  /**
   * Sends the rows. Through a backlog, marks them and answers the next batch, read while Kafka acknowledged this one;
   * otherwise answers nothing and leaves the marking to `markAndNext`.
   */
  private async send(
    client: Client,
    producer: Producer,
    rows: OutboxRow[],
  ): Promise<OutboxRow[] | undefined> {
    // A full batch means a backlog: the next batch (the rows after this one) is read while Kafka acknowledges this
    // one. A row committed late with a lower id waits for the next full scan: one after every few chained batches,
    // and whenever the backlog is gone.
    const chain = rows.length === this.batchSize && this.chained < MAX_CHAINED;
    this.chained = chain ? this.chained + 1 : 0;
    const prefetch = chain
      ? client.query<OutboxRow>(
          `SELECT ${this.columns} FROM "${this.options.schema}".outbox
           WHERE sent_at IS NULL AND id > $1 ORDER BY id LIMIT $2`,
          [rows[rows.length - 1].id, this.batchSize],
        )
      : undefined;
    // Should the send fail, the prefetch is dropped with the session (the supervisor starts over).
    prefetch?.catch(() => undefined);
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic);
      if (list) list.push(row);
      else byTopic.set(row.topic, [row]);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
        topic,
        messages: list.map((row) => ({
          key: row.message_key,
          value: row.envelope,
          headers: row.headers,
        })),
      })),
    });
    await this.options.onBatchSent?.(rows.map((r) => r.event_id));
    // The batch before this one was being marked while this one was sent.
    await this.marked();
    if (prefetch) {
      // Marked while the next batch is sent: the connection runs it before the next batch's read-ahead, and it is
      // awaited once that batch is acknowledged. A crash before it commits resends this batch; inboxes drop copies.
      const marking = client.query(
        `UPDATE "${this.options.schema}".outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      marking.catch(() => undefined);
      this.marking = marking;
      const ahead = (await prefetch).rows;
      if (ahead.length === this.batchSize) return ahead;
      // The backlog ends here: scan from the start, so a row committed late below the chain goes too.
      await this.marked();
      return this.pending(client);
    }
    return undefined;
  }

  /**
   * Marks sent rows and reads the next ones in the same statement (one round trip instead of two): the SELECT sees
   * the table as before the UPDATE, so it leaves out the rows just marked.
   */
  private async markAndNext(client: Client, rows: OutboxRow[]): Promise<OutboxRow[]> {
    this.notified = false;
    const next = await client.query<OutboxRow>(
      `WITH marked AS (
         UPDATE "${this.options.schema}".outbox SET sent_at = now() WHERE id = ANY($1::bigint[])
       )
       SELECT ${this.columns} FROM "${this.options.schema}".outbox
       WHERE sent_at IS NULL AND NOT (id = ANY($1::bigint[])) ORDER BY id LIMIT $2`,
      [rows.map((r) => r.id), this.batchSize],
    );
    return next.rows;
  }

  private async cleanupIfDue(client: Client): Promise<void> {
    if (Date.now() - this.lastCleanup < 60_000) return;
    this.lastCleanup = Date.now();
    await client.query(
      `DELETE FROM "${this.options.schema}".outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(hours => $1)`,
      [this.retentionHours],
    );
  }

  private pause(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async release(): Promise<void> {
    this.options.local?.standDown();
    await this.marked().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.producer = undefined;
    // Closing the session releases the advisory lock, so a standby takes over.
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
