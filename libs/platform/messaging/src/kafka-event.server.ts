import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EVENT_TOPICS, findCommand, latestEventDefinition } from '@insurer/contracts';
import {
  InboxConsumer,
  type BatchEventHandler,
  type CommandHandler,
  type ConsumerState,
  type DeliveryContext,
  type EventHandler,
  type InboxConsumerOptions,
} from './inbox-consumer';

/**
 * `@EventPattern(ALL_EVENTS)` receives every event on every `*.events.v1` topic that has no handler of its own: for
 * services that watch everything (compliance, analytics).
 */
export const ALL_EVENTS = '*';

/**
 * `@EventPattern(type, BATCH)`: the handler receives a run of events of that type (`@Payload() events: EventOf<T>[]`)
 * to apply set-based in one transaction; an event applied alone comes as a run of one. `@EventPattern(ALL_EVENTS,
 * BATCH)` receives runs of events of any types without a handler of their own.
 */
export const BATCH = { batch: true } as const;

export type KafkaEventServerOptions = Omit<
  InboxConsumerOptions,
  'topics' | 'eventHandlers' | 'commandHandlers'
>;

/**
 * A Nest transport that keeps handlers idiomatic, `@EventPattern('contract.policy-issued')` with `@Payload()` and
 * `@Ctx()`, while delivery follows the platform's rules (see InboxConsumer) instead of the stock Kafka transport's
 * endless retries. The topics to subscribe to follow from the handled event and command types.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer: InboxConsumer | undefined;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
  }

  async listen(callback: (...optionalParams: unknown[]) => void): Promise<void> {
    const eventHandlers = new Map<string, EventHandler>();
    const batchEventHandlers = new Map<string, BatchEventHandler>();
    const commandHandlers = new Map<string, CommandHandler>();
    const topics = new Set<string>();
    let fallbackEventHandler: EventHandler | undefined;
    let fallbackBatchHandler: BatchEventHandler | undefined;
    for (const [pattern, handler] of this.getHandlers()) {
      const invoke = async (message: unknown, ctx: DeliveryContext) => {
        await lastValueFrom(this.transformToObservable(await handler(message, ctx)), {
          defaultValue: undefined,
        });
      };
      if (pattern === ALL_EVENTS) {
        if (handler.extras?.batch === true) {
          fallbackBatchHandler = invoke;
          fallbackEventHandler = (one, ctx) => invoke([one], ctx);
        } else fallbackEventHandler = invoke;
        for (const topic of EVENT_TOPICS) topics.add(topic);
        continue;
      }
      const command = findCommand(pattern, 1);
      const event = latestEventDefinition(pattern);
      if (command) {
        commandHandlers.set(pattern, invoke);
        topics.add(command.topic);
      } else if (event && handler.extras?.batch === true) {
        batchEventHandlers.set(pattern, invoke);
        eventHandlers.set(pattern, (one, ctx) => invoke([one], ctx));
        topics.add(event.topic);
      } else if (event) {
        eventHandlers.set(pattern, invoke);
        topics.add(event.topic);
      } else {
        throw new Error(`@EventPattern('${pattern}') names no event or command in libs/contracts`);
      }
    }
    if (topics.size > 0) {
      this.consumer = new InboxConsumer({
        ...this.options,
        topics: [...topics],
        eventHandlers,
        batchEventHandlers,
        commandHandlers,
        fallbackEventHandler,
        fallbackBatchHandler,
      });
      // Joining the group may wait out a killed member's session; HTTP and the relay must not wait with it.
      const consumer = this.consumer;
      void consumer.start().catch((err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        this.options.logger?.error({ err }, 'the consumer could not start');
        this.options.onFatal?.(`consumer ${this.options.name} could not start: ${reason}`);
      });
    }
    callback();
  }

  /** The consumer's state, or null for a service that consumes nothing. */
  state(): ConsumerState | null {
    return this.consumer?.state() ?? null;
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
  }

  on(): never {
    throw new Error('KafkaEventServer reports through the readiness registry, not through events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
