import type { z } from 'zod';
import type { Topic } from './topics';

/** One event type at one version: the topic it travels on and its payload schema. */
export interface EventDefinition<TType extends string = string, TPayload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly description: string;
  readonly payload: TPayload;
}

/** One command type at one version, published by integrators on a command topic. */
export interface CommandDefinition<TType extends string = string, TPayload extends z.ZodType = z.ZodType> {
  readonly kind: 'command';
  readonly type: TType;
  readonly version: number;
  readonly topic: Topic;
  readonly description: string;
  readonly payload: TPayload;
  /** The event type that reports the command's success. */
  readonly resultEvent: string;
}

export function defineEvent<TType extends string, TPayload extends z.ZodType>(
  def: Omit<EventDefinition<TType, TPayload>, 'kind'>,
): EventDefinition<TType, TPayload> {
  return { kind: 'event', ...def };
}

export function defineCommand<TType extends string, TPayload extends z.ZodType>(
  def: Omit<CommandDefinition<TType, TPayload>, 'kind'>,
): CommandDefinition<TType, TPayload> {
  return { kind: 'command', ...def };
}

/** The registry key of a definition: `type@version`. */
export function registryKey(def: { type: string; version: number }): string {
  return `${def.type}@${def.version}`;
}
