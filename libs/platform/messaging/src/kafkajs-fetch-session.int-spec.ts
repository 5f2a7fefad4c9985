import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import { testEnvironment, waitFor } from '@insurer/platform-testing';
import { createKafka } from './kafka';
import { fetchSessionCounts, setFetchSessions } from './kafkajs-fetch-session';

const env = testEnvironment();
const PARTITIONS = 6;

/**
 * Against the test broker: a consumer of a six-partition topic gets every message once and in order with fetch
 * sessions, paused partitions included, and its fetches' answers leave out the partitions with nothing new.
 */
describe('kafkajs fetch sessions against the broker', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `fetch-session-${run}`;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    kafka = createKafka({ clientId: 'fetch-session-test', brokers: env.kafkaBrokers.split(',') });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    setFetchSessions(true);
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  /** A consumer of the topic from its start, what it received by partition, and each fetch's answer size. */
  async function consume(groupId: string) {
    const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    const received = new Map<number, string[]>();
    const answerBytes: number[] = [];
    consumer.on(consumer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'Fetch') answerBytes.push(payload.size);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.set(partition, [...(received.get(partition) ?? []), String(message.value)]);
      },
    });
    const count = () => [...received.values()].reduce((n, list) => n + list.length, 0);
    return { consumer, received, answerBytes, count };
  }

  /** Sends `n` messages, each to the next partition in turn, one at a time: a fetch or more for each. */
  async function sendInTurn(label: string, n: number, until: () => number) {
    const start = until();
    for (let i = 0; i < n; i += 1) {
      await producer.send({ topic, messages: [{ partition: i % PARTITIONS, value: `${label}-${i}` }] });
      await waitFor(() => until() >= start + i + 1 || undefined, { timeoutMs: 15_000 });
    }
  }

  it('delivers each message once, in order, and answers only the partitions with something new', async () => {
    setFetchSessions(true);
    const before = fetchSessionCounts();
    const withSessions = await consume(`fetch-session-on-${run}`);
    try {
      await sendInTurn('a', 12, withSessions.count);
      // A paused partition leaves the session, the others go on, and it comes back with its offset.
      withSessions.consumer.pause([{ topic, partitions: [0] }]);
      await producer.send({ topic, messages: [{ partition: 0, value: 'paused-0' }] });
      await producer.send({ topic, messages: [{ partition: 1, value: 'b-1' }] });
      await waitFor(() => withSessions.received.get(1)?.includes('b-1') || undefined, { timeoutMs: 15_000 });
      expect(withSessions.received.get(0)).toEqual(['a-0', 'a-6']);
      withSessions.consumer.resume([{ topic, partitions: [0] }]);
      await waitFor(() => withSessions.count() >= 14 || undefined, { timeoutMs: 15_000 });
    } finally {
      await withSessions.consumer.disconnect();
    }
    const after = fetchSessionCounts();
    expect(after.incremental).toBeGreaterThan(before.incremental);
    expect(withSessions.received.get(0)).toEqual(['a-0', 'a-6', 'paused-0']);
    expect(withSessions.received.get(1)).toEqual(['a-1', 'a-7', 'b-1']);
    for (let p = 2; p < PARTITIONS; p += 1)
      expect(withSessions.received.get(p)).toEqual([`a-${p}`, `a-${p + 6}`]);

    // The same consumption without sessions: every answer names all six partitions.
    setFetchSessions(false);
    const full = await consume(`fetch-session-off-${run}`);
    try {
      await waitFor(() => full.count() >= 14 || undefined, { timeoutMs: 15_000 });
      await sendInTurn('c', 6, full.count);
    } finally {
      await full.consumer.disconnect();
    }
    // An answer that brings nothing: with a session, none of the partitions' headers; without, six of them.
    expect(Math.min(...withSessions.answerBytes)).toBeLessThan(Math.min(...full.answerBytes) / 3);
  });
  it('closes its session on the broker as the consumer disconnects, which the broker answers without error', async () => {
    setFetchSessions(true);
    const before = fetchSessionCounts();
    const consuming = await consume(`fetch-session-close-${run}`);
    try {
      await waitFor(() => fetchSessionCounts().incremental > before.incremental || undefined, {
        timeoutMs: 15_000,
        description: 'a fetch within a session',
      });
    } finally {
      await consuming.consumer.disconnect();
    }
    // Counted only when the broker answered the final-epoch fetch with no error.
    expect(fetchSessionCounts().closed).toBeGreaterThan(before.closed);
  });
});
