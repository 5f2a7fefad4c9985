import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  compiled,
  findEvent,
  latestEventDefinition,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '@insurer/contracts';
import { afterCommit, contextOf, queueWrite, rowSetInsert } from '@insurer/platform-database';
import type { LocalRelay } from './local-relay';

export interface PublishInput<T extends EventType> {
  readonly type: T;
  readonly aggregateId: string;
  readonly payload: EventPayload<T>;
  readonly occurredAt?: Date;
  /** An older version still published for consumers that have not moved (default: the latest). */
  readonly version?: number;
  /** What caused it, when not what the transaction is done for (a run of events applied at once): see `causeOf`. */
  readonly cause?: EventCause;
}

export interface EventCause {
  readonly correlationId: string;
  readonly causationId: string;
}

/** An outbox row as the publisher writes it; the envelope and headers are JSON. */
const OUTBOX_COLUMNS = [
  { name: 'event_id' },
  { name: 'topic' },
  { name: 'message_key' },
  { name: 'event_type' },
  { name: 'envelope', json: true },
  { name: 'headers', json: true },
] as const;

/** The cause an event published in reaction to `event` names: its correlation, and the event itself. */
export function causeOf(event: { readonly correlationId: string; readonly eventId: string }): EventCause {
  return { correlationId: event.correlationId, causationId: event.eventId };
}

/** Any event type's input, each with its own payload type. */
export type AnyPublishInput = { [K in EventType]: PublishInput<K> }[EventType];

/** A producer tried to publish something its own contract refuses: a bug, reported before anything is written. */
export class EventContractError extends Error {
  constructor(type: string, detail: string) {
    super(`event ${type} does not match its contract: ${detail}`);
    this.name = 'EventContractError';
  }
}

export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so an event exists if and only if the state
 * change that caused it was committed. The relay sends it later. Payloads are checked against the current contract
 * version here, so a wrong message cannot be sent.
 */
export class OutboxPublisher {
  /** `local`: this process's relay, woken in process after the commit while it leads (see `LocalRelay`). */
  constructor(
    private readonly schema: string,
    private readonly producer: string,
    private readonly local?: LocalRelay,
  ) {}

  async publish<T extends EventType>(
    manager: EntityManager,
    input: PublishInput<T>,
  ): Promise<EventEnvelope<T>> {
    const [envelope] = await this.publishAll(manager, [input as AnyPublishInput]);
    return envelope as EventEnvelope<T>;
  }

  /** Several events of one transaction in one statement: one round trip however many there are. */
  async publishAll(
    manager: EntityManager,
    inputs: readonly AnyPublishInput[],
  ): Promise<EventEnvelope<EventType>[]> {
    const ctx = contextOf(manager);
    const rows = inputs.map((input) => {
      const def =
        input.version === undefined
          ? latestEventDefinition(input.type)
          : findEvent(input.type, input.version);
      if (!def)
        throw new EventContractError(input.type, `unknown event type or version ${input.version ?? ''}`);
      const parsed = compiled(def.payload).safeParse(input.payload);
      if (!parsed.success) {
        throw new EventContractError(
          input.type,
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      const eventId = randomUUID();
      const envelope = {
        eventId,
        type: input.type,
        version: def.version,
        occurredAt: (input.occurredAt ?? new Date()).toISOString(),
        producer: this.producer,
        aggregateId: input.aggregateId,
        correlationId: input.cause?.correlationId ?? ctx?.correlationId ?? eventId,
        causationId: input.cause?.causationId ?? ctx?.causationId ?? null,
        payload: parsed.data,
      } as EventEnvelope<EventType>;
      const headers = {
        'event-type': def.type,
        'event-version': String(def.version),
        'correlation-id': envelope.correlationId,
      };
      return { envelope, topic: def.topic, headers };
    });
    if (rows.length === 0) return [];
    // One statement for the rows, sent with the transaction's next statement or its COMMIT (nothing here waits for
    // its answer). The relay's wake-up: while this process's relay leads, a call in process after the commit
    // (`LocalRelay`); otherwise a notification in the same statement, delivered at commit only (a rolled-back
    // transaction wakes nobody; Postgres folds a transaction's identical notifications into one).
    const local = this.local;
    const inProcess = local?.leading === true && afterCommit(manager, () => local.wake());
    const { sql: insert, json } = rowSetInsert(
      `"${this.schema}".outbox`,
      OUTBOX_COLUMNS,
      rows.map(({ envelope, topic, headers }) => [
        envelope.eventId,
        topic,
        envelope.aggregateId,
        envelope.type,
        JSON.stringify(envelope),
        JSON.stringify(headers),
      ]),
    );
    if (inProcess) await queueWrite(manager, insert, [json]);
    else
      await queueWrite(manager, `WITH row AS (${insert}) SELECT pg_notify($2, '')`, [
        json,
        outboxChannel(this.schema),
      ]);
    return rows.map((r) => r.envelope);
  }
}
