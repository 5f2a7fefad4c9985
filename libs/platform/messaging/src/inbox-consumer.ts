import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import {
  latestEventDefinition,
  parseCommand,
  parseEvent,
  registeredEventEnvelope,
  ruleCode,
  type DomainCommand,
  type DomainEvent,
  type EventEnvelope,
  type EventType,
  type Reason,
} from '@insurer/contracts';
import type { AppError } from '@insurer/platform-errors';
import { setContextOf, transaction } from '@insurer/platform-database';
import { sendToDeadLetter } from './dead-letter';
import { describeClusterWithin } from './kafka';
import { applyKafkajsFetchWait, setBusyFetchWait } from './kafkajs-fetch-wait';
import { KeyHashPartitioner } from './key-partitioner';
import { RestartBudget, StuckWatch, isBrokerUnreachable } from './restart-budget';
import { isInfrastructureError, withTimeout } from '@insurer/platform-config';
import type { OutboxPublisher } from './outbox';

/** What a handler gets besides the message: the transaction its effects must be written in, and the delivery. */
export interface DeliveryContext {
  readonly manager: EntityManager;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly attempt: number;
}

export type EventHandler = (event: DomainEvent, ctx: DeliveryContext) => Promise<void>;
/**
 * Applies a run of fetched events of one type at once, set-based, in the delivery's transaction (`offset` is the
 * last one's). Each event is new to this consumer (its inbox row is written in the same transaction). Events
 * published in it name their cause with `causeOf(event)`.
 */
export type BatchEventHandler = (events: readonly DomainEvent[], ctx: DeliveryContext) => Promise<void>;
export type CommandHandler = (command: DomainCommand, ctx: DeliveryContext) => Promise<void>;

/** A handler error that retrying cannot fix (a refused command, a rule violation): no retries. */
export interface NonRetryable {
  readonly retryable: false;
}

/** A reason names the source of its rule from the registry when the handler did not (platform codes name none). */
function withSource(reason: Reason): Reason {
  if (reason.source) return reason;
  const entry = ruleCode(reason.code);
  return entry && entry.kind !== 'platform' ? { ...reason, source: entry.source } : reason;
}

/** A refusal a command handler throws; it becomes a command-rejected event with these reasons. */
export class CommandRefusedError extends Error implements NonRetryable {
  readonly retryable = false as const;
  constructor(readonly reasons: Reason[]) {
    super(reasons.map((r) => r.message).join('; '));
    this.name = 'CommandRefusedError';
  }

  /**
   * A command's refusal from the refusal its handler's REST twin throws: the reasons it lists, their fields pointed
   * into the command's payload, or else the refusal itself as the one reason.
   */
  static of(err: AppError): CommandRefusedError {
    return new CommandRefusedError(
      err.reasons?.length
        ? err.reasons.map((r) => ({ ...r, pointer: r.pointer ? `/payload${r.pointer}` : undefined }))
        : [{ code: err.code, message: err.message }],
    );
  }
}

export interface InboxConsumerOptions {
  /** Inbox key and Kafka group id: one per service and purpose, never shared by two services. */
  readonly name: string;
  readonly groupId?: string;
  readonly schema: string;
  readonly topics: readonly string[];
  readonly kafka: Kafka;
  readonly dataSource: DataSource;
  readonly eventHandlers?: ReadonlyMap<string, EventHandler>;
  /** Types applied a run at a time (each also needs an entry in eventHandlers for an event applied alone). */
  readonly batchEventHandlers?: ReadonlyMap<string, BatchEventHandler>;
  readonly commandHandlers?: ReadonlyMap<string, CommandHandler>;
  /** Receives every parsed event that has no handler of its own (a consumer of everything). */
  readonly fallbackEventHandler?: EventHandler;
  /** The fallback's runs at once: a run of events of any types that have no handler of their own. */
  readonly fallbackBatchHandler?: BatchEventHandler;
  /** Needed with command handlers: rejections are published through the outbox. */
  readonly publisher?: OutboxPublisher;
  readonly maxAttempts?: number;
  readonly backoffMs?: number;
  /** Crashes allowed within `restartWindowMs` while the broker answers; crashes while it cannot be reached never count. */
  readonly maxCrashRestarts?: number;
  readonly restartWindowMs?: number;
  /** How long the group waits for its members to rejoin in a rebalance (kafkajs' `rebalanceTimeout`, 60 s). */
  readonly rebalanceTimeoutMs?: number;
  /**
   * How long the consumer may stand joining its group, or waiting for a broker that answers, before it is started
   * afresh (default twice the rebalance timeout, so a slow but live rebalance, and the expiry of the stuck member a
   * fresh start leaves behind, are left to finish).
   */
  readonly stuckAfterMs?: number;
  /** kafkajs retries of a failing batch before the consumer counts as crashed. */
  readonly crashRetries?: number;
  readonly fromBeginning?: boolean;
  /** How long the group waits for a silent member before handing its partitions to others. */
  readonly sessionTimeoutMs?: number;
  /**
   * How often applied offsets are committed to Kafka (and on stop). Each commit is a request the broker writes to
   * its offsets log; the inbox rows are the record of what was applied, so committing later only means a restart
   * redelivers more events, which the inbox drops.
   */
  readonly commitIntervalMs?: number;
  /**
   * Partitions whose fetched batches are handled at once (kafkajs' `partitionsConsumedConcurrently`, default 2). Runs of
   * events that arrive together from several partitions are applied in one transaction (see `RunsTogether`). Four
   * saved a few more transactions per policy-issue flow (23.9 against 27.2) but drained a burst of 500 events about a
   * third slower than one or two in quick bench runs; two kept the burst's rate.
   */
  readonly partitionsAtOnce?: number;
  /**
   * Called after each fetch the consumer makes, for the service's metrics. With kafkajs a fetch costs about the same
   * CPU however many events it brings (0.5 to 1.7 ms here, measured with a bare consumer; more with more partitions
   * and at lower rates), so fetches per event applied is the consumer's overhead.
   */
  readonly onFetch?: () => void;
  /**
   * How long the broker may hold a fetch to gather events (Kafka's fetch.max.wait.ms), for a consumer off every
   * waiting path, whose events may be applied that much later. A fetch costs about the same CPU however many events
   * it brings, so at a few events a second it then brings those of the whole wait instead of one or two. The fetch
   * returns as soon as FETCH_MIN_BYTES are there, so a backlog drains about as fast (only its last fetch waits). Only
   * a busy consumer's fetches wait, one that events reached in the last second (kafkajs-fetch-wait.ts): an idle one
   * long-polls as without a wait, and the first event after a quiet spell is fetched at once. 0 (the default): each
   * fetch returns as soon as any event is there.
   */
  readonly fetchWaitMs?: number;
  /**
   * Topics off this consumer's waiting path, read only for types a sale does not wait on (sales and contract read
   * claims.events.v1 for disputes and claims that end a policy, and skip the rest): they are left out of the fetches
   * (kafkajs' pause) except one fetch each `deferredTopicsMs`, so a stream of them no longer wakes the consumer for
   * each event or two, and every other fetch names fewer partitions. Their events are applied up to about twice that
   * much later: the broker then holds a fetch at most that long (not Kafka's 5 s) when the other topics are quiet, so
   * an idle consumer fetches once an interval. Ignored unless at least one subscribed topic is not deferred.
   */
  readonly deferredTopics?: readonly string[];
  readonly deferredTopicsMs?: number;
  readonly logger?: Logger;
  /** Called once when the consumer gives up (crashed more often than allowed while the broker answered). */
  readonly onFatal?: (reason: string) => void;
  /**
   * Every message's outcome. `rejected`: a command refused with an answer (command-rejected), not dead-lettered.
   * `skipped` comes with its reason: `not_handled` (an event type this consumer does not need) or `unknown_type`.
   */
  readonly onOutcome?: (
    topic: string,
    type: string,
    outcome: 'applied' | 'duplicate' | 'retried' | 'dead_lettered' | 'skipped' | 'rejected',
    messageId?: string,
    reason?: SkipReason,
  ) => void;
}

export type SkipReason = 'not_handled' | 'unknown_type';

type Outcome = 'applied' | 'duplicate' | 'dead_lettered' | 'rejected' | { skipped: SkipReason };

/** Where the consumer stands, for readiness: joining its group, consuming, or waiting for the broker to come back. */
export type ConsumerState =
  'starting' | 'joining' | 'consuming' | 'waiting_for_broker' | 'failed' | 'stopped';

/** A well-formed event of a group; without a handler it is only skipped (no inbox row, as when applied alone). */
type Handled =
  | {
      readonly message: KafkaMessage;
      readonly event: DomainEvent;
      readonly handler: EventHandler | undefined;
      readonly batch: BatchEventHandler | undefined;
    }
  | {
      readonly message: KafkaMessage;
      /** Skipped: a type this consumer does not handle, its payload unchecked. */
      readonly event: SkippedEvent;
      readonly handler: undefined;
      readonly batch: undefined;
    };

/** What a skipped event is reported by. */
type SkippedEvent = Pick<EventEnvelope, 'type' | 'eventId'>;

/**
 * Which event of a group failed. `error` is what its handler threw, counted as its first attempt. When a run applied
 * at once failed (`run` events from `index`), any of them may be the cause: they are then applied one by one, uncounted.
 */
interface GroupFailure {
  readonly index: number;
  readonly error: unknown;
  readonly run?: number;
  /** Which part of a transaction of several partitions' runs failed (see RunsTogether). */
  readonly part?: number;
}

/** A partition's run of events, waiting to be applied. */
export interface Part {
  readonly topic: string;
  readonly partition: number;
  readonly group: readonly Handled[];
}

/** Carries which event of a group failed out of the group's transaction. */
class HandlerFailed extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
    readonly run: number | undefined,
    readonly part: number,
  ) {
    super('handler failed');
  }
}

/**
 * Events applied per transaction at most: bounds how long a group holds its locks. A burst of 3,000 policy-issued
 * events (the bench's consumer rows, two runs each) was applied at 34-73% of the bare consumer's rate with 50, 56-101%
 * with 200 and 62-101% with 500; 200 keeps most of that with a transaction of a fraction of a second.
 */
export const GROUP_SIZE = 200;

/** With `fetchWaitMs`, the bytes that end a fetch's wait: some fifty events of about a kilobyte, a run worth a transaction. */
const FETCH_MIN_BYTES = 64 * 1024;

const REJECTED_TYPE: Record<string, EventType> = {
  customer: 'customer.command-rejected',
  sales: 'sales.command-rejected',
  claims: 'claims.command-rejected',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** kafkajs' default: how long a rebalance waits for the group's members to rejoin. */
const REBALANCE_TIMEOUT_MS = 60_000;

/**
 * Consumes events and commands with these guarantees: the payload is checked against its contract (a bad message goes
 * straight to `<topic>.dlq`); the effect and the inbox row `(consumer, eventId)` commit in one transaction, so a
 * redelivery changes nothing; the offset is committed only after that commit (every `commitIntervalMs`); a failing
 * handler is retried with backoff a bounded number of times and then dead-lettered, and the consumer moves on.
 */
export class InboxConsumer {
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private readonly budget: RestartBudget;
  private current: ConsumerState = 'starting';
  private readonly watch: StuckWatch<ConsumerState>;
  private watchTimer: NodeJS.Timeout | undefined;
  private unsticking = false;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private commitTimer: NodeJS.Timeout | undefined;
  /** Offsets of events applied (their transactions committed) and not yet committed to Kafka, by topic and partition. */
  private uncommitted = new Map<string, { topic: string; partition: number; offset: string }>();
  private lastCommit = 0;
  private committing: Promise<void> | undefined;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly eventHandlers: ReadonlyMap<string, EventHandler>;
  private readonly batchEventHandlers: ReadonlyMap<string, BatchEventHandler>;
  private readonly commandHandlers: ReadonlyMap<string, CommandHandler>;
  /** The subscribed topics to defer (see `deferredTopics`): none when every subscribed topic would be. */
  private readonly deferred: { topic: string }[];
  private readonly deferredTopicsMs: number;
  private readonly together = new RunsTogether(
    (parts) => this.applyParts(parts),
    (part) => (part.group.length > 1 ? this.applyGroup(part.topic, part.partition, part.group) : undefined),
  );

  constructor(private readonly options: InboxConsumerOptions) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? 200;
    this.eventHandlers = options.eventHandlers ?? new Map();
    this.batchEventHandlers = options.batchEventHandlers ?? new Map();
    this.commandHandlers = options.commandHandlers ?? new Map();
    const deferred = options.topics.filter((t) => options.deferredTopics?.includes(t));
    this.deferred = deferred.length < options.topics.length ? deferred.map((topic) => ({ topic })) : [];
    this.deferredTopicsMs = options.deferredTopicsMs ?? 1_000;
    this.budget = new RestartBudget(options.maxCrashRestarts ?? 5, options.restartWindowMs ?? 300_000);
    this.watch = new StuckWatch(new Set(['joining', 'waiting_for_broker']), this.stuckAfterMs());
  }

  state(): ConsumerState {
    return this.stateNow;
  }

  private get stateNow(): ConsumerState {
    return this.current;
  }

  private set stateNow(state: ConsumerState) {
    this.current = state;
    this.watch.enter(state, Date.now());
  }

  /**
   * Connects, joins the group and starts consuming; resolves once consuming. Joining can take as long as the group's
   * session timeout when a killed member of the group has not left it yet, so callers that serve other work (HTTP, the
   * relay) start it without waiting. A broker that cannot be reached is waited for, never given up on.
   */
  async start(): Promise<void> {
    const { kafka } = this.options;
    // The dead-letter producer. Not idempotent: kafkajs 2.2.4's idempotent producer can fall out of step with the
    // broker's sequence numbers and then refuses every send (kafkajs issue 598; seen here as a fresh service's first
    // dead letter refused as out of order, which crashed its consumer). A dead letter may be parked twice anyway (a
    // crash between parking and committing the offset); with acks=all and one request in flight none is lost or
    // reordered.
    this.producer = kafka.producer({
      idempotent: false,
      // murmur2 like the Java client, so keys land where other Kafka clients put them.
      createPartitioner: KeyHashPartitioner,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
    for (let wait = 500; ; wait = Math.min(wait * 2, 10_000)) {
      try {
        await this.producer.connect();
        await this.startConsumer();
        return;
      } catch (err) {
        if (this.stopping) return;
        if (!(await this.brokerUnreachable(err))) throw err;
        this.stateNow = 'waiting_for_broker';
        this.options.logger?.warn({ err }, `consumer ${this.options.name} waits for the broker`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private async startConsumer(): Promise<void> {
    const { kafka, name } = this.options;
    this.stateNow = 'joining';
    this.watchTimer ??= setInterval(
      () => void this.unstickIfStuck(),
      Math.min(10_000, this.stuckAfterMs() / 4),
    ).unref();
    // A consumer replaced by a fresh one (unstickIfStuck) no longer speaks for this one's state or restarts.
    // (Called only by the consumer's own callbacks, which run after it is made and set as this.consumer.)
    const replaced = () => consumer !== this.consumer;
    const fetchWaitMs = this.options.fetchWaitMs ?? 0;
    const waitsWhenBusy = fetchWaitMs > 0 && applyKafkajsFetchWait();
    if (waitsWhenBusy) setBusyFetchWait(this.groupId, { waitMs: fetchWaitMs, minBytes: FETCH_MIN_BYTES });
    const consumer = kafka.consumer({
      groupId: this.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: this.options.rebalanceTimeoutMs ?? REBALANCE_TIMEOUT_MS,
      heartbeatInterval: Math.max(500, Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 10)),
      allowAutoTopicCreation: false,
      // The wait applies while the consumer is busy (kafkajs-fetch-wait.ts); without that patch, to every fetch.
      ...(fetchWaitMs > 0 && !waitsWhenBusy
        ? { minBytes: FETCH_MIN_BYTES, maxWaitTimeInMs: fetchWaitMs }
        : this.deferred.length
          ? // A fetch that leaves the deferred topics out ends within their interval, so they wait at most about two.
            { maxWaitTimeInMs: Math.min(5_000, this.deferredTopicsMs) }
          : {}),
      retry: {
        retries: this.options.crashRetries ?? 5,
        restartOnFailure: (error) => (replaced() ? Promise.resolve(false) : this.restartAfter(error)),
      },
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!replaced()) this.stateNow = 'consuming';
    });
    this.deferTopics(consumer);
    const onFetch = this.options.onFetch;
    if (onFetch) consumer.on(consumer.events.FETCH, () => onFetch());
    consumer.on(consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      if (this.stopping || replaced()) return;
      if (this.stateNow === 'waiting_for_broker')
        this.options.logger?.warn(
          { err: error, restart },
          `consumer ${name} lost the broker; waiting for it`,
        );
      else
        this.options.logger?.error(
          { err: error, restart, crashes: this.budget.recent(Date.now()) },
          `consumer ${name} crashed`,
        );
      if (restart) return;
      // kafkajs gives up on errors it deems final; an unreachable broker is still only waited for.
      void this.brokerUnreachable(error).then((unreachable) => {
        if (this.stopping) return;
        if (!unreachable) {
          this.stateNow = 'failed';
          this.options.onFatal?.(
            `consumer ${name} crashed ${this.budget.recent(Date.now())} times while the broker answered: ${error.message}`,
          );
          return;
        }
        this.stateNow = 'waiting_for_broker';
        this.retryTimer = setTimeout(() => {
          this.startConsumer().catch((err: unknown) =>
            this.options.logger?.warn({ err }, `consumer ${name} could not restart yet`),
          );
        }, 2_000);
      });
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    this.commitTimer ??= setInterval(() => void this.commitApplied(), this.commitIntervalMs).unref();
    await consumer.run({
      // Offsets are committed by commitApplied: kafkajs' own commit follows every batch, one request per event
      // when events come one at a time.
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsAtOnce ?? 2,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const messages = batch.messages;
        let lastResolved: string | undefined;
        const resolve = (offset: string) => {
          resolveOffset(offset);
          lastResolved = offset;
        };
        for (let i = 0; i < messages.length;) {
          if (!isRunning() || isStale()) break;
          // A run of well-formed events this consumer handles is applied in one transaction (one commit instead
          // of one per event). Should one fail, the run is rolled back, the events before it are applied again
          // as a group, and the failing one goes through the retries with that failure as its first attempt.
          const group = this.handledRun(batch.topic, messages, i);
          let done = 0;
          let failure: GroupFailure | undefined;
          // Undefined for a lone event that went alone: it takes the path below, with its retries.
          const result = group.length
            ? await this.together.apply({ topic: batch.topic, partition: batch.partition, group })
            : undefined;
          if (result !== undefined) {
            if (result === true) done = group.length;
            else if (result.index > 0) {
              // The events before the failing one succeeded: apply them again on their own, then the failing one
              // with that first failure counted as its first attempt.
              const prefix = group.slice(0, result.index);
              if ((await this.applyGroup(batch.topic, batch.partition, prefix)) === true) {
                done = prefix.length;
                failure = result;
              }
            } else if (result.index === 0) failure = result;
          }
          if (done > 0) resolve(messages[i + done - 1].offset);
          i += done;
          if (done < Math.max(1, group.length)) {
            // One event alone, or each event of a run that failed as a whole, to find the one that fails.
            const alone = failure?.run ?? 1;
            for (let k = 0; k < alone && i < messages.length; k += 1) {
              if (k > 0 && (!isRunning() || isStale())) break;
              const message = messages[i];
              await this.process(batch.topic, batch.partition, message, heartbeat, failure?.error);
              resolve(message.offset);
              i += 1;
            }
          }
          await heartbeat();
        }
        const last = lastResolved;
        if (last !== undefined) {
          this.uncommitted.set(`${batch.topic}:${batch.partition}`, {
            topic: batch.topic,
            partition: batch.partition,
            offset: String(BigInt(last) + 1n),
          });
          if (Date.now() - this.lastCommit >= this.commitIntervalMs) await this.commitApplied();
        }
      },
    });
  }

  /** The consumer group: `groupId`, or the consumer's name. */
  private get groupId(): string {
    return this.options.groupId ?? this.options.name;
  }

  private get commitIntervalMs(): number {
    return this.options.commitIntervalMs ?? 500;
  }

  /**
   * Commits the offsets after the events applied so far, one request for every partition; a failed commit is kept
   * for the next (a commit for a partition handed to another member meanwhile moves nothing past what was applied).
   */
  private async commitApplied(): Promise<void> {
    // One commit at a time; what was applied while one was on its way goes in the next.
    while (this.committing) await this.committing;
    const consumer = this.consumer;
    if (!consumer || this.uncommitted.size === 0) return;
    const offsets = [...this.uncommitted.values()];
    this.uncommitted = new Map();
    this.lastCommit = Date.now();
    this.committing = consumer
      .commitOffsets(offsets)
      .catch((err: unknown) => {
        for (const o of offsets) {
          const key = `${o.topic}:${o.partition}`;
          if (!this.uncommitted.has(key)) this.uncommitted.set(key, o);
        }
        this.options.logger?.warn({ err }, `consumer ${this.options.name} could not commit offsets yet`);
      })
      .finally(() => {
        this.committing = undefined;
      });
    return this.committing;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchTimer);
    this.watchTimer = undefined;
    clearInterval(this.commitTimer);
    this.commitTimer = undefined;
    this.stateNow = 'stopped';
    await this.commitApplied();
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    setBusyFetchWait(this.groupId, undefined);
  }

  /**
   * A consumer that has stood joining, or waiting for the broker, past `stuckAfterMs` while the broker answers is
   * started afresh: the stuck kafkajs consumer is disconnected (given up on after 10 s) and a new one joins the group.
   * Its events are applied at most once all the same: the inbox drops what the stuck one may still apply.
   */
  private stuckAfterMs(): number {
    return this.options.stuckAfterMs ?? 2 * (this.options.rebalanceTimeoutMs ?? REBALANCE_TIMEOUT_MS);
  }

  private async unstickIfStuck(): Promise<void> {
    const now = Date.now();
    // Before the first consumer exists start() is still at work (waiting for the broker): nothing to replace yet.
    if (this.stopping || this.unsticking || !this.consumer || !this.watch.stuck(now)) return;
    this.unsticking = true;
    try {
      if (await this.brokerUnreachable(undefined)) return;
      const { name, logger } = this.options;
      logger?.error(
        { state: this.stateNow, standingMs: this.watch.standing(now) },
        `consumer ${name} stood ${this.stateNow} for ${Math.round(this.watch.standing(now) / 1000)} s while the broker answered; starting it afresh`,
      );
      const stuck = this.consumer;
      this.consumer = undefined;
      this.watch.reset('joining', Date.now());
      await withTimeout(stuck?.disconnect() ?? Promise.resolve(), 10_000).catch(() => undefined);
      if (this.stopping) return;
      // Not awaited: a join that hangs again is found by the next check, not waited on here.
      this.startConsumer().catch((err: unknown) =>
        logger?.warn({ err }, `consumer ${name} could not start afresh yet`),
      );
    } finally {
      this.unsticking = false;
    }
  }

  /**
   * kafkajs asks after a crash whether to restart. A crash while the broker cannot be reached is an outage: restart
   * and keep waiting, uncounted. Otherwise it counts against the budget of the sliding window.
   */
  private async restartAfter(error: Error): Promise<boolean> {
    if (this.stopping) return false;
    if (await this.brokerUnreachable(error)) {
      this.stateNow = 'waiting_for_broker';
      return true;
    }
    this.stateNow = 'joining';
    return this.budget.allow(Date.now());
  }

  /**
   * Deferred topics (see `deferredTopics`) are resumed for the fetch that starts once `deferredTopicsMs` have passed
   * since they were last fetched, and paused for every other. kafkajs builds a fetch from its paused state after this
   * event, and hands a fetch's batches to the handlers before it starts the next one, so a deferred topic's events
   * are handled (or left for the next fetch that names them) whatever is decided here; pausing never moves an offset.
   */
  private deferTopics(consumer: Consumer): void {
    const topics = this.deferred;
    if (!topics.length) return;
    let lastFetched = 0;
    consumer.on(consumer.events.FETCH_START, () => {
      const now = Date.now();
      if (now - lastFetched >= this.deferredTopicsMs) {
        consumer.resume(topics);
        lastFetched = now;
      } else consumer.pause(topics);
    });
  }

  private async brokerUnreachable(error: unknown): Promise<boolean> {
    if (isBrokerUnreachable(error) || isInfrastructureError(error)) return true;
    const admin = this.options.kafka.admin({ retry: { retries: 0 } });
    try {
      await withTimeout(admin.connect(), 2_000);
      await describeClusterWithin(admin, 2_000);
      return false;
    } catch {
      return true;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /**
   * A registered event this consumer has no handler for: its envelope is checked, its payload, which nothing here
   * reads, is not (the consumers that apply it check it). Undefined for anything else, to be parsed in full.
   */
  private notHandled(raw: unknown): SkippedEvent | undefined {
    if (this.options.fallbackEventHandler) return undefined;
    const type = stringField(raw, 'type');
    if (type === undefined || this.eventHandlers.has(type)) return undefined;
    return registeredEventEnvelope(raw);
  }

  /**
   * The longest run of events from `start` that parse (none on a command topic); those without a handler here are
   * in it too, to be skipped, so they do not cut the run short.
   */
  private handledRun(topic: string, messages: readonly KafkaMessage[], start: number): Handled[] {
    const run: Handled[] = [];
    if (topic.includes('.commands.')) return run;
    for (let i = start; i < messages.length && run.length < GROUP_SIZE; i++) {
      let raw: unknown;
      try {
        raw = JSON.parse(messages[i].value?.toString('utf8') ?? '');
      } catch {
        break;
      }
      const skipped = this.notHandled(raw);
      if (skipped) {
        run.push({ message: messages[i], event: skipped, handler: undefined, batch: undefined });
        continue;
      }
      const parsed = parseEvent(raw);
      if (!parsed.ok) break;
      const { type } = parsed.value;
      const handler = this.eventHandlers.get(type) ?? this.options.fallbackEventHandler;
      run.push({
        message: messages[i],
        event: parsed.value,
        handler,
        batch: this.eventHandlers.has(type)
          ? this.batchEventHandlers.get(type)
          : this.options.fallbackBatchHandler,
      });
    }
    return run;
  }

  /**
   * Applies a run of events with their inbox rows in one transaction. On a failure nothing is written and the answer
   * names the event whose handler failed (index -1 when the transaction itself failed).
   */
  private applyGroup(
    topic: string,
    partition: number,
    group: readonly Handled[],
  ): Promise<true | GroupFailure> {
    return this.applyParts([{ topic, partition, group }]);
  }

  /**
   * Applies the runs of one or more partitions with their inbox rows in one transaction. On a failure nothing is
   * written; the answer names the part whose handler failed and the event's index within that part's run.
   */
  private async applyParts(parts: readonly Part[]): Promise<true | GroupFailure> {
    const outcomes = parts.map((): ('applied' | 'duplicate' | 'skipped')[] => []);
    const report = () =>
      parts.forEach(({ topic, group }, p) =>
        group.forEach(({ event }, k) => {
          const outcome = outcomes[p][k];
          if (outcome === 'skipped')
            this.options.onOutcome?.(topic, event.type, 'skipped', event.eventId, 'not_handled');
          else this.options.onOutcome?.(topic, event.type, outcome, event.eventId);
        }),
      );
    if (!parts.some((part) => part.group.some((h) => h.handler))) {
      // Nothing here handles any of them: no transaction at all.
      parts.forEach((part, p) => outcomes[p].push(...part.group.map(() => 'skipped' as const)));
      report();
      return true;
    }
    try {
      // Done for each event in turn: each is named before its handler runs (a run's handler names its own causes).
      await transaction(this.options.dataSource, undefined, async (manager) => {
        // Every inbox row of every part in one statement; an event is new if its row was written now.
        const fresh = await this.recordRunInInbox(manager, parts);
        for (const [p, { topic, partition, group }] of parts.entries()) {
          const done = outcomes[p];
          for (let k = 0; k < group.length;) {
            const { message, event, handler, batch } = group[k];
            if (!handler) {
              done[k++] = 'skipped';
              continue;
            }
            // A repeated id within the group is new once: the first occurrence takes it.
            if (!fresh.delete(event.eventId.toLowerCase())) {
              done[k++] = 'duplicate';
              continue;
            }
            const ctx = { manager, topic, partition, offset: message.offset, attempt: 1 };
            if (batch) {
              const start = k;
              const events = [event];
              for (k += 1; k < group.length && group[k].batch === batch; k += 1) {
                const next = group[k];
                if (!next.handler || !fresh.delete(next.event.eventId.toLowerCase())) break;
                events.push(next.event);
              }
              const last = { ...ctx, offset: group[k - 1].message.offset };
              // A run has no one cause: what it publishes names each event's (`causeOf`).
              setContextOf(manager, undefined);
              try {
                await batch(events, last);
              } catch (error) {
                if (events.length === 1) throw new HandlerFailed(start, error, undefined, p);
                throw new HandlerFailed(start, undefined, events.length, p);
              }
              // Not `fill`: it stops at the array's length, and `done` only grows as it is written.
              for (let j = start; j < k; j += 1) done[j] = 'applied';
              continue;
            }
            // The transaction is done for this event now: what its handler publishes names it as the cause.
            setContextOf(manager, { correlationId: event.correlationId, causationId: event.eventId });
            try {
              await handler(event, ctx);
            } catch (error) {
              throw new HandlerFailed(k, error, undefined, p);
            }
            done[k++] = 'applied';
          }
        }
      });
    } catch (err) {
      return err instanceof HandlerFailed
        ? { index: err.index, error: err.error, run: err.run, part: err.part }
        : { index: -1, error: err };
    }
    report();
    return true;
  }

  /** Writes the inbox rows of the parts' handled events at once; answers the ids that were new to this consumer. */
  private async recordRunInInbox(manager: EntityManager, parts: readonly Part[]): Promise<Set<string>> {
    const handled = parts.flatMap(({ topic, partition, group }) =>
      group.filter((h) => h.handler).map((h) => ({ topic, partition, h })),
    );
    if (handled.length === 0) return new Set();
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, topic, kafka_partition, kafka_offset)
       SELECT $1, e.id, e.topic, e.kafka_partition, e.kafka_offset
         FROM unnest($2::uuid[], $3::text[], $4::int[], $5::bigint[]) AS e(id, topic, kafka_partition, kafka_offset)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        this.options.name,
        handled.map((r) => r.h.event.eventId),
        handled.map((r) => r.topic),
        handled.map((r) => r.partition),
        handled.map((r) => r.h.message.offset),
      ],
    );
    return new Set(rows.map((r) => r.event_id));
  }

  private async process(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    firstFailure?: unknown,
  ) {
    const source = { topic, partition, message };
    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch {
      raw = undefined;
    }
    const isCommandTopic = topic.includes('.commands.');
    const outcome = isCommandTopic
      ? await this.processCommand(source, raw, heartbeat)
      : await this.processEvent(source, raw, heartbeat, firstFailure);
    const type = stringField(raw, 'type') ?? 'unknown';
    const id = stringField(raw, 'eventId') ?? stringField(raw, 'commandId');
    if (typeof outcome === 'object') {
      if (outcome.skipped === 'unknown_type')
        this.options.logger?.warn(
          { topic, type, offset: message.offset },
          'skipped an event of an unknown type',
        );
      this.options.onOutcome?.(topic, type, 'skipped', id, outcome.skipped);
    } else this.options.onOutcome?.(topic, type, outcome, id);
  }

  private async processEvent(
    source: { topic: string; partition: number; message: KafkaMessage },
    raw: unknown,
    heartbeat: () => Promise<void>,
    firstFailure?: unknown,
  ): Promise<Outcome> {
    if (!source.message.value || source.message.value.length === 0) {
      await this.deadLetter(source, 'EmptyRecord', 'the record has no value', 1);
      return 'dead_lettered';
    }
    if (this.notHandled(raw)) return { skipped: 'not_handled' };
    const parsed = parseEvent(raw);
    if (!parsed.ok) {
      const type = stringField(raw, 'type');
      if (!parsed.known && type && isEnvelopeLike(raw)) {
        // A type this build does not know at all is a newer producer's news: skipped, counted and logged. A version
        // it does not know of a type it does know is never skipped: that event may matter, and it cannot be read.
        if (!latestEventDefinition(type)) return { skipped: 'unknown_type' };
        await this.deadLetter(source, 'UnknownVersion', describeReasons(parsed.reasons), 1);
        return 'dead_lettered';
      }
      await this.deadLetter(source, 'ContractViolation', describeReasons(parsed.reasons), 1);
      return 'dead_lettered';
    }
    const event = parsed.value;
    const handler = this.eventHandlers.get(event.type) ?? this.options.fallbackEventHandler;
    if (!handler) return { skipped: 'not_handled' };
    return this.applyWithRetries(
      source,
      event.eventId,
      heartbeat,
      { correlationId: event.correlationId, causationId: event.eventId },
      (ctx) => handler(event, ctx),
      true,
      firstFailure,
    );
  }

  private async processCommand(
    source: { topic: string; partition: number; message: KafkaMessage },
    raw: unknown,
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    const parsed = parseCommand(raw);
    const commandType = stringField(raw, 'type') ?? 'unknown';
    const issuer = stringField(raw, 'issuer') ?? null;
    if (!parsed.ok) {
      // A malformed command is answered too, under the best id that can be recovered, and parked: it could not be
      // processed at all.
      await this.reject(source, identifyMalformed(source.message), commandType, issuer, parsed.reasons);
      await this.deadLetter(source, 'ContractViolation', describeReasons(parsed.reasons), 1);
      return 'dead_lettered';
    }
    const command = parsed.value;
    const known = { id: command.commandId, identifiedBy: 'commandId' } as const;
    const handler = this.commandHandlers.get(command.type);
    if (!handler) {
      const reasons = [{ code: 'COMMAND.UNSUPPORTED', message: `no handler for ${command.type} here` }];
      await this.reject(source, known, command.type, command.issuer, reasons);
      await this.deadLetter(source, 'UnsupportedCommand', describeReasons(reasons), 1);
      return 'dead_lettered';
    }
    const context = {
      correlationId: command.commandId,
      causationId: command.commandId,
      actor: command.issuer,
    };
    try {
      return await this.applyWithRetries(
        source,
        command.commandId,
        heartbeat,
        context,
        (ctx) => handler(command, ctx),
        false,
      );
    } catch (err) {
      if (isInfrastructureError(err)) throw err;
      // A refusal is an answer, not a failure: the integrator reads it in command-rejected; nothing is parked.
      if (err instanceof CommandRefusedError) {
        await this.reject(source, known, command.type, command.issuer, err.reasons);
        return 'rejected';
      }
      const reasons = [{ code: 'COMMAND.FAILED', message: err instanceof Error ? err.message : String(err) }];
      await this.reject(source, known, command.type, command.issuer, reasons);
      await this.deadLetter(
        source,
        err instanceof Error ? err.name : 'Error',
        describeReasons(reasons),
        this.maxAttempts,
      );
      return 'dead_lettered';
    }
  }

  /**
   * Runs the effect with its inbox row in one transaction; retries retryable failures with exponential backoff.
   * With `deadLetterOnFailure` false the final error is thrown to the caller instead.
   */
  private async applyWithRetries(
    source: { topic: string; partition: number; message: KafkaMessage },
    messageId: string,
    heartbeat: () => Promise<void>,
    context: { correlationId: string; causationId: string; actor?: string | null },
    effect: (ctx: DeliveryContext) => Promise<void>,
    deadLetterOnFailure = true,
    /** The error of a first attempt already made (in a group of events), which counts against the budget. */
    firstFailure?: unknown,
  ): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt === 1 && firstFailure !== undefined) throw firstFailure;
        let duplicate = false;
        const doneFor = {
          correlationId: context.correlationId,
          causationId: context.causationId,
          actor: context.actor ?? undefined,
        };
        await transaction(this.options.dataSource, doneFor, async (manager) => {
          duplicate = !(await this.recordInInbox(manager, messageId, source));
          if (duplicate) return;
          await effect({
            manager,
            topic: source.topic,
            partition: source.partition,
            offset: source.message.offset,
            attempt,
          });
        });
        return duplicate ? 'duplicate' : 'applied';
      } catch (err) {
        const retryable = (err as Partial<NonRetryable>)?.retryable !== false;
        if (attempt >= this.maxAttempts && isInfrastructureError(err)) {
          // An outage, not a bad message: fail the batch so nothing is committed and the message is read again.
          throw err;
        }
        if (!retryable || attempt >= this.maxAttempts) {
          if (!deadLetterOnFailure) throw err;
          const error = err instanceof Error ? err : new Error(String(err));
          await this.deadLetter(source, error.name, error.message, attempt);
          return 'dead_lettered';
        }
        this.options.onOutcome?.(source.topic, '', 'retried');
        this.options.logger?.warn(
          { err, attempt, messageId, correlationId: context.correlationId },
          `handler failed; retrying`,
        );
        await backoff(this.backoffMs * 2 ** (attempt - 1), heartbeat);
      }
    }
  }

  /** Returns false when this consumer has already applied the message. */
  private async recordInInbox(
    manager: EntityManager,
    messageId: string,
    source: { topic: string; partition: number; message: KafkaMessage },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, topic, kafka_partition, kafka_offset)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.options.name, messageId, source.topic, source.partition, source.message.offset],
    );
    return rows.length === 1;
  }

  /** Publishes `<context>.command-rejected` once per command id (the inbox dedupes a resent bad command too). */
  private async reject(
    source: { topic: string; partition: number; message: KafkaMessage },
    identity: CommandIdentity,
    commandType: string,
    issuer: string | null,
    reasons: Reason[],
  ): Promise<void> {
    const publisher = this.options.publisher;
    const type = REJECTED_TYPE[source.topic.split('.')[0]];
    if (!publisher || !type) return;
    const { id, identifiedBy } = identity;
    await transaction(this.options.dataSource, { correlationId: id, causationId: id }, async (manager) => {
      if (UUID.test(id) && !(await this.recordInInbox(manager, id, source))) return;
      await publisher.publish(manager, {
        type,
        aggregateId: id,
        payload: {
          commandId: id,
          identifiedBy,
          commandType,
          issuer,
          reasons: reasons.map(withSource),
          rejectedAt: new Date().toISOString(),
        },
      } as never);
    });
  }

  private async deadLetter(
    source: { topic: string; partition: number; message: KafkaMessage },
    errorClass: string,
    message: string,
    attempts: number,
  ): Promise<void> {
    if (!this.producer) throw new Error('consumer not started');
    await sendToDeadLetter(this.producer, this.options.name, source, { errorClass, message, attempts });
    this.options.logger?.warn(
      { topic: source.topic, offset: source.message.offset, errorClass, message },
      'dead-lettered',
    );
  }
}

/** The id a rejection answers under, and where it was found. */
export interface CommandIdentity {
  readonly id: string;
  readonly identifiedBy: 'commandId' | 'messageKey' | 'bytes' | 'none';
}

/**
 * The best id for a command that cannot be parsed: the Kafka key (docs/integrators.md asks integrators to set it to
 * their command id), else a commandId or eventId readable in the bytes, else a new one the integrator cannot match.
 */
export function identifyMalformed(message: Pick<KafkaMessage, 'key' | 'value'>): CommandIdentity {
  const key = message.key?.toString('utf8').trim();
  if (key && key.length <= 200 && /^[\x21-\x7e]+$/.test(key)) return { id: key, identifiedBy: 'messageKey' };
  const text = message.value?.toString('utf8') ?? '';
  const found = /"(?:commandId|eventId)"\s*:\s*"([\x21-\x7e]{1,200}?)"/.exec(text);
  if (found) return { id: found[1], identifiedBy: 'bytes' };
  return { id: `unidentified-${randomUUID()}`, identifiedBy: 'none' };
}

/** A string field of a message that may not match any contract (read for routing and error reports only). */
function stringField(raw: unknown, key: string): string | undefined {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function isEnvelopeLike(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && 'eventId' in raw && 'payload' in raw;
}

function describeReasons(reasons: Reason[]): string {
  return reasons.map((r) => (r.pointer ? `${r.pointer}: ${r.message}` : r.message)).join('; ');
}

async function backoff(ms: number, heartbeat: () => Promise<void>): Promise<void> {
  // A retry delay, not a test wait: heartbeat meanwhile so the group does not evict this consumer.
  const until = Date.now() + Math.min(ms, 10_000);
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, until - Date.now())));
    await heartbeat();
  }
}

/**
 * Gathers the runs that partitions handled at once hand in within the same turn of the event loop and applies them in
 * one transaction: one commit, one inbox statement and one of each per-transaction read for all of them, where each
 * would otherwise take its own. A part waits only for the parts already handed in, never for a partition to send more.
 * Should a handler fail, its part gets that failure as its own run would have (the events before it applied again on
 * their own, the failing one retried with this failure as its first attempt) and the other parts go again together;
 * should the transaction itself fail, each part goes again on its own (`alone`). Each partition's order holds: kafkajs
 * hands a partition's next batch only after its last one was handled.
 */
export class RunsTogether<R> {
  private pending: { part: Part; settle: (result: Promise<true | GroupFailure | R>) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly together: (parts: readonly Part[]) => Promise<true | GroupFailure>,
    private readonly alone: (part: Part) => Promise<true | GroupFailure> | R,
  ) {}

  apply(part: Part): Promise<true | GroupFailure | R> {
    return new Promise((settle) => {
      this.pending.push({ part, settle });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      // At most GROUP_SIZE events in one transaction, and always at least one part.
      let events = 0;
      let take = 0;
      while (
        take < this.pending.length &&
        (take === 0 || events + this.pending[take].part.group.length <= GROUP_SIZE)
      )
        events += this.pending[take++].part.group.length;
      const taken = this.pending.splice(0, take);
      if (taken.length === 1) {
        await this.settleAlone(taken[0]);
        continue;
      }
      const result = await this.together(taken.map((t) => t.part)).catch((error: unknown): GroupFailure => ({
        index: -1,
        error,
      }));
      if (result === true) {
        for (const t of taken) t.settle(Promise.resolve(true));
      } else if (result.part !== undefined) {
        const [failed] = taken.splice(result.part, 1);
        failed.settle(Promise.resolve({ index: result.index, error: result.error, run: result.run }));
        this.pending.unshift(...taken);
      } else {
        for (const t of taken) await this.settleAlone(t);
      }
    }
    this.flushing = false;
  }

  private async settleAlone({ part, settle }: RunsTogether<R>['pending'][number]): Promise<void> {
    const result = Promise.resolve(this.alone(part));
    settle(result);
    // The next transaction starts after this one ended, as when each partition went in turn.
    await result.catch(() => undefined);
  }
}
