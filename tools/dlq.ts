/**
 * `npm run dlq -- --topic <topic> [--replay]`: lists the messages parked on `<topic>.dlq` with why they failed, and
 * with --replay sends them back to the topic they came from (without the dlq.* headers). Replays are remembered by
 * the consumer group `dlq-replay-<topic>`, so a message is re-driven once.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '@insurer/contracts';
import { DLQ_HEADERS, createKafka } from '@insurer/platform-messaging';

export interface DeadLetter {
  /** Where the record sits on the dead-letter topic. */
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** Where it came from. */
  readonly sourceTopic: string;
  readonly sourcePartition: string;
  readonly sourceOffset: string;
  readonly errorClass: string;
  readonly errorMessage: string;
  readonly consumer: string;
  readonly attempts: string;
  readonly failedAt: string;
  /** Fields masked before parking; such a record cannot be replayed as it was sent. */
  readonly redacted: string;
}

const header = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString() ?? '';

/** Reads the DLQ from `fromBeginning` up to its end at the time of the call, under the given consumer group. */
async function drain(
  kafka: Kafka,
  topic: string,
  groupId: string,
  each: (m: KafkaMessage, partition: number) => Promise<void>,
): Promise<number> {
  const dlq = deadLetterTopic(topic);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(dlq)).map((o) => [o.partition, Number(o.high)]));
  const committed = await admin.fetchOffsets({ groupId, topics: [dlq] });
  await admin.disconnect();
  const remaining = new Map<number, number>();
  for (const { partitions } of committed) {
    for (const p of partitions) {
      const start = Number(p.offset) < 0 ? 0 : Number(p.offset);
      const end = ends.get(p.partition) ?? 0;
      if (end > start) remaining.set(p.partition, end);
    }
  }
  if (remaining.size === 0) return 0;
  let count = 0;
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic: dlq, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    consumer
      .run({
        autoCommit: true,
        eachMessage: async ({ partition, message }) => {
          const end = remaining.get(partition);
          if (end === undefined || Number(message.offset) >= end) return;
          await each(message, partition);
          count += 1;
          if (Number(message.offset) + 1 >= end) remaining.delete(partition);
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return count;
}

export async function listDeadLetters(kafka: Kafka, topic: string): Promise<DeadLetter[]> {
  const found: DeadLetter[] = [];
  await drain(kafka, topic, `dlq-list-${randomUUID()}`, async (m, partition) => {
    found.push({
      partition,
      offset: m.offset,
      key: m.key?.toString() ?? null,
      sourceTopic: header(m.headers, DLQ_HEADERS.sourceTopic) || topic,
      sourcePartition: header(m.headers, DLQ_HEADERS.sourcePartition),
      sourceOffset: header(m.headers, DLQ_HEADERS.sourceOffset),
      errorClass: header(m.headers, DLQ_HEADERS.errorClass),
      errorMessage: header(m.headers, DLQ_HEADERS.errorMessage),
      consumer: header(m.headers, DLQ_HEADERS.consumer),
      attempts: header(m.headers, DLQ_HEADERS.attempts),
      failedAt: header(m.headers, DLQ_HEADERS.failedAt),
      redacted: header(m.headers, DLQ_HEADERS.redacted),
    });
  });
  return found;
}

export async function replayDeadLetters(kafka: Kafka, topic: string): Promise<number> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    return await drain(kafka, topic, `dlq-replay-${topic}`, async (m) => {
      const headers = Object.fromEntries(
        Object.entries(m.headers ?? {}).filter(([name]) => !name.startsWith('dlq.')),
      );
      await producer.send({
        topic: header(m.headers, DLQ_HEADERS.sourceTopic) || topic,
        acks: -1,
        messages: [{ key: m.key, value: m.value, headers }],
      });
    });
  } finally {
    await producer.disconnect();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { topic: { type: 'string' }, replay: { type: 'boolean', default: false } },
  });
  if (!values.topic) throw new Error('give --topic, e.g. --topic claims.events.v1');
  const kafka = createKafka({
    clientId: 'dlq-tool',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  });
  if (values.replay) {
    const n = await replayDeadLetters(kafka, values.topic);
    process.stdout.write(
      `dlq: re-drove ${n} message(s) from ${deadLetterTopic(values.topic)} to ${values.topic}\n`,
    );
    return;
  }
  const letters = await listDeadLetters(kafka, values.topic);
  process.stdout.write('partition\toffset\tkey\tsource\tfailed at\tconsumer\tattempts\treason\tredacted\n');
  for (const l of letters) {
    process.stdout.write(
      `${l.partition}\t${l.offset}\t${l.key ?? ''}\t${l.sourceTopic}/${l.sourcePartition}@${l.sourceOffset}\t${l.failedAt}\t${l.consumer}\t${l.attempts}\t${l.errorClass}: ${l.errorMessage}\t${l.redacted}\n`,
    );
  }
  process.stdout.write(`dlq: ${letters.length} message(s) parked on ${deadLetterTopic(values.topic)}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`dlq: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
