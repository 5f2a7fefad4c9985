import type { z } from 'zod';
import {
  CommandEnvelopeSchema,
  EventEnvelopeSchema,
  type CommandEnvelope,
  type EventEnvelope,
} from './envelope';
import { compiled } from './compiled';
import type { Reason } from './primitives';
import {
  findCommand,
  findEvent,
  type CommandPayload,
  type CommandType,
  type EventPayload,
  type EventType,
} from './registry';

/** Any known event, discriminated by `type`, with its payload typed. */
export type DomainEvent = { [T in EventType]: EventEnvelope<T, EventPayload<T>> }[EventType];
export type DomainCommand = { [T in CommandType]: CommandEnvelope<T, CommandPayload<T>> }[CommandType];
/** One event type's envelope, for a handler bound to that type (`@EventPattern(type)` dispatches by it). */
export type EventOf<T extends EventType> = EventEnvelope<T, EventPayload<T>>;
export type CommandOf<T extends CommandType> = CommandEnvelope<T, CommandPayload<T>>;

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly known: boolean; readonly reasons: Reason[] };

function issues(error: z.ZodError, prefix: string): Reason[] {
  return error.issues.map((issue) => ({
    code: 'CONTRACT.SCHEMA_VIOLATION',
    message: issue.message,
    pointer: `${prefix}/${issue.path.map(String).join('/')}`.replace(/\/$/, ''),
  }));
}

function parseWith<T>(
  value: unknown,
  envelopeSchema: z.ZodType<{ type: string; version: number; payload: unknown }>,
  find: (type: string, version: number) => { payload: z.ZodType } | undefined,
  kind: 'event' | 'command',
): ParseResult<T> {
  const envelope = compiled(envelopeSchema).safeParse(value);
  if (!envelope.success) return { ok: false, known: false, reasons: issues(envelope.error, '') };
  const { type, version } = envelope.data;
  const def = find(type, version);
  if (!def) {
    return {
      ok: false,
      known: false,
      reasons: [{ code: 'CONTRACT.UNKNOWN_TYPE', message: `unknown ${kind} ${type}@${version}` }],
    };
  }
  const payload = compiled(def.payload).safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, known: true, reasons: issues(payload.error, '/payload') };
  return { ok: true, value: { ...envelope.data, payload: payload.data } as T };
}

/**
 * Checks the envelope, then the payload against the registered schema of its type and version. `known: false` means
 * the type/version is not in the registry (a consumer may skip it rather than dead-letter it).
 */
export function parseEvent(value: unknown): ParseResult<DomainEvent> {
  return parseWith<DomainEvent>(value, EventEnvelopeSchema, findEvent, 'event');
}

export function parseCommand(value: unknown): ParseResult<DomainCommand> {
  return parseWith<DomainCommand>(value, CommandEnvelopeSchema, findCommand, 'command');
}

/**
 * An event's envelope checked alone, its payload not: enough for a consumer to skip a type it does not handle
 * without checking a payload it will never read. Answers the envelope when it is well formed and its type and version
 * are registered; anything else (a malformed envelope, an unknown type or version) gets `undefined`, to go through
 * `parseEvent` and be skipped or parked as that decides.
 */
export function registeredEventEnvelope(value: unknown): EventEnvelope | undefined {
  const envelope = compiled(EventEnvelopeSchema).safeParse(value);
  if (!envelope.success || !findEvent(envelope.data.type, envelope.data.version)) return undefined;
  return envelope.data;
}
