import { z } from 'zod';
import { Id, Instant } from './primitives';

/**
 * Every event on every topic travels in this envelope. `aggregateId` is the Kafka key, so one aggregate's events share
 * a partition and stay in order. `correlationId` ties together everything one request or command caused;
 * `causationId` is the id of the event or command that directly caused this one.
 */
export const EventEnvelopeSchema = z.object({
  eventId: Id,
  type: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'must be <context>.<noun>-<past-verb>'),
  version: z.number().int().positive(),
  occurredAt: Instant,
  producer: z.string().min(1),
  aggregateId: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  payload: z.unknown(),
});

export type EventEnvelope<TType extends string = string, TPayload = unknown> = Omit<
  z.infer<typeof EventEnvelopeSchema>,
  'type' | 'payload'
> & { type: TType; payload: TPayload };

/**
 * What integrators publish on the command topics. `commandId` is their idempotency key: a command id seen before has
 * no second effect. The result event (or `<context>.command-rejected`) carries `commandId` as its correlation id.
 */
export const CommandEnvelopeSchema = z.object({
  commandId: Id,
  type: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'must be <context>.<verb>-<noun>'),
  version: z.number().int().positive(),
  issuedAt: Instant,
  issuer: z.string().min(1),
  payload: z.unknown(),
});

export type CommandEnvelope<TType extends string = string, TPayload = unknown> = Omit<
  z.infer<typeof CommandEnvelopeSchema>,
  'type' | 'payload'
> & { type: TType; payload: TPayload };
