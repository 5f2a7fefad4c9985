import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  latestEventDefinition,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '@insurer/contracts';
import { currentContext } from '@insurer/platform-observability';

export interface PublishInput<T extends EventType> {
  readonly type: T;
  readonly aggregateId: string;
  readonly payload: EventPayload<T>;
  readonly occurredAt?: Date;
}

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
  constructor(
    private readonly schema: string,
    private readonly producer: string,
  ) {}

  async publish<T extends EventType>(
    manager: EntityManager,
    input: PublishInput<T>,
  ): Promise<EventEnvelope<T>> {
    const def = latestEventDefinition(input.type);
    if (!def) throw new EventContractError(input.type, 'unknown event type');
    const parsed = def.payload.safeParse(input.payload);
    if (!parsed.success) {
      throw new EventContractError(
        input.type,
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const ctx = currentContext();
    const eventId = randomUUID();
    const envelope: EventEnvelope<T> = {
      eventId,
      type: input.type,
      version: def.version,
      occurredAt: (input.occurredAt ?? new Date()).toISOString(),
      producer: this.producer,
      aggregateId: input.aggregateId,
      correlationId: ctx?.correlationId ?? eventId,
      causationId: ctx?.causationId ?? null,
      payload: parsed.data,
    };
    const headers = {
      'event-type': def.type,
      'event-version': String(def.version),
      'correlation-id': envelope.correlationId,
    };
    // One round trip: the row and the relay's wake-up call. The notification is delivered at commit only, so a
    // rolled-back transaction wakes nobody; Postgres folds a transaction's identical notifications into one.
    await manager.query(
      `WITH row AS (
         INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, event_type, envelope, headers)
         VALUES ($1, $2, $3, $4, $5, $6)
       )
       SELECT pg_notify($7, '')`,
      [
        eventId,
        def.topic,
        input.aggregateId,
        def.type,
        JSON.stringify(envelope),
        JSON.stringify(headers),
        outboxChannel(this.schema),
      ],
    );
    return envelope;
  }
}
