import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import {
  findCommand,
  latestEventDefinition,
  type CommandPayload,
  type CommandType,
  type EventPayload,
  type EventType,
} from '@insurer/contracts';

/**
 * Plays another service or an integrator in a test: sends a well-formed event or command envelope to its topic, the
 * way a producing service's relay or a partner's client would.
 */
export class TestProducer {
  private producer: Producer | undefined;
  private readonly sent = new Map<string, { topic: string; key: string; envelope: unknown }>();

  constructor(private readonly kafka: Kafka) {}

  async start(): Promise<this> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    return this;
  }

  async event<T extends EventType>(
    type: T,
    aggregateId: string,
    payload: EventPayload<T>,
    producer = 'test-producer',
  ): Promise<string> {
    const def = latestEventDefinition(type);
    if (!def) throw new Error(`unknown event ${type}`);
    const eventId = randomUUID();
    const envelope = {
      eventId,
      type,
      version: def.version,
      occurredAt: new Date().toISOString(),
      producer,
      aggregateId,
      correlationId: eventId,
      causationId: null,
      payload,
    };
    await this.send(def.topic, aggregateId, envelope);
    this.sent.set(eventId, { topic: def.topic, key: aggregateId, envelope });
    return eventId;
  }

  /** Sends an earlier event again, byte for byte: what a redelivery looks like to a consumer. */
  async redeliver(eventId: string): Promise<void> {
    const earlier = this.sent.get(eventId);
    if (!earlier) throw new Error(`no event ${eventId} was sent by this producer`);
    await this.send(earlier.topic, earlier.key, earlier.envelope);
  }

  async command<T extends CommandType>(
    type: T,
    payload: CommandPayload<T>,
    issuer = 'test-partner',
  ): Promise<string> {
    return this.rawCommand(type, payload, issuer);
  }

  /** A command whose payload the contract may refuse: for testing rejections. */
  async rawCommand(type: CommandType, payload: unknown, issuer = 'test-partner'): Promise<string> {
    const def = findCommand(type, 1);
    if (!def) throw new Error(`unknown command ${type}`);
    const commandId = randomUUID();
    const envelope = { commandId, type, version: 1, issuedAt: new Date().toISOString(), issuer, payload };
    await this.send(def.topic, commandId, envelope);
    return commandId;
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
  }

  private async send(topic: string, key: string, envelope: unknown): Promise<void> {
    if (!this.producer) throw new Error('TestProducer not started');
    await this.producer.send({ topic, messages: [{ key, value: JSON.stringify(envelope) }] });
  }
}
