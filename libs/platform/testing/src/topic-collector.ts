import { randomUUID } from 'node:crypto';
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { waitFor, type WaitOptions } from './wait-for';

export interface CollectedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly json: unknown;
  readonly headers: Record<string, string>;
}

/** Reads topics from the beginning under a fresh consumer group and keeps everything it sees, for assertions. */
export class TopicCollector {
  readonly messages: CollectedMessage[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  async start(): Promise<this> {
    this.consumer = this.kafka.consumer({ groupId: `test-collector-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const value = message.value?.toString('utf8') ?? null;
        let json: unknown;
        try {
          json = value === null ? undefined : JSON.parse(value);
        } catch {
          json = undefined;
        }
        this.messages.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value,
          json,
          headers: decodeHeaders(message.headers),
        });
      },
    });
    return this;
  }

  matching(predicate: (m: CollectedMessage) => boolean): CollectedMessage[] {
    return this.messages.filter(predicate);
  }

  /** Waits until at least `count` messages match, and returns them. */
  async waitFor(
    predicate: (m: CollectedMessage) => boolean,
    count = 1,
    options: WaitOptions = {},
  ): Promise<CollectedMessage[]> {
    return waitFor(
      () => {
        const found = this.matching(predicate);
        return found.length >= count ? found : undefined;
      },
      {
        timeoutMs: 30_000,
        description: `${count} matching message(s) on ${this.topics.join(', ')}`,
        ...options,
      },
    );
  }

  /**
   * Waits until everything the topics held when called has been collected: for each partition, a message at the
   * last offset (the producers write no transactions, so offsets have no gaps).
   */
  async waitUntilCaughtUp(options: WaitOptions = {}): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends: { topic: string; partition: number; last: number }[] = [];
    try {
      for (const topic of this.topics)
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic))
          if (Number(high) > Number(low)) ends.push({ topic, partition, last: Number(high) - 1 });
    } finally {
      await admin.disconnect();
    }
    await waitFor(
      () =>
        ends.every((end) =>
          this.messages.some(
            (m) => m.topic === end.topic && m.partition === end.partition && Number(m.offset) >= end.last,
          ),
        ) || undefined,
      { timeoutMs: 60_000, description: `the end of ${this.topics.join(', ')}`, ...options },
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? String(v[0]) : String(v ?? '')]),
  );
}
