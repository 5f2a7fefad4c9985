import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { deadLetterTopic } from '@insurer/contracts';
import { testEnvironment, waitFor } from '@insurer/platform-testing';
import { InboxConsumer } from './inbox-consumer';
import { createKafka, ensureTopics } from './kafka';
import { recreateMessagingSchema } from '../test/messaging-schema';

const env = testEnvironment();

describe('a consumer that keeps crashing', () => {
  it('restarts a bounded number of times, then reports that it gave up', async () => {
    // A topic without a dead-letter topic: parking a bad message fails, which fails the batch and crashes the consumer.
    const topic = `crash-check-${randomUUID()}`;
    const kafka = createKafka({ clientId: 'crash-check', brokers: env.kafkaBrokers.split(','), retries: 1 });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ name: topic, kind: 'events' }], { partitions: 1 });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'not json' }] });
    await producer.disconnect();

    const dataSource = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
    await recreateMessagingSchema(dataSource, 'consumer_crash_test');
    const fatal: string[] = [];
    const consumer = new InboxConsumer({
      name: `crash-check-${randomUUID()}`,
      schema: 'consumer_crash_test',
      topics: [topic],
      kafka,
      dataSource,
      maxCrashRestarts: 2,
      crashRetries: 0,
      onFatal: (reason) => fatal.push(reason),
    });
    try {
      await consumer.start();
      await waitFor(() => fatal.length > 0, { timeoutMs: 60_000, description: 'the consumer to give up' });
      expect(fatal).toHaveLength(1);
      expect(fatal[0]).toMatch(/crashed 3 times/);
    } finally {
      await consumer.stop();
      await dataSource.destroy();
    }
  });
});

describe('a consumer stuck joining its group', () => {
  it('is started afresh once it has stood joining past its limit, and then consumes', async () => {
    // Another member of the group holds the rebalance: it is busy in its handler, so it cannot rejoin until that
    // returns (up to its rebalance timeout). The consumer under test stands joining meanwhile, as kafkajs' consumers
    // stood for good when the broker stopped in the middle of a rebalance under the fault suite.
    const topic = `stuck-join-${randomUUID()}`;
    const group = `stuck-join-${randomUUID()}`;
    const kafka = createKafka({ clientId: 'stuck-join', brokers: env.kafkaBrokers.split(','), retries: 1 });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [
        { name: topic, kind: 'events' },
        { name: deadLetterTopic(topic), kind: 'dead-letters' },
      ],
      { partitions: 1 },
    );
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'held by the other member' }] });
    await producer.disconnect();

    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = kafka.consumer({ groupId: group, sessionTimeout: 60_000, rebalanceTimeout: 120_000 });
    let otherJoined = false;
    other.on(other.events.GROUP_JOIN, () => (otherJoined = true));
    await other.connect();
    await other.subscribe({ topics: [topic], fromBeginning: true });
    let handling = false;
    await other.run({
      eachMessage: async () => {
        handling = true;
        await held;
      },
    });
    await waitFor(() => otherJoined && handling, { timeoutMs: 60_000, description: 'the other member busy' });

    const dataSource = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
    await recreateMessagingSchema(dataSource, 'stuck_join_test');
    const errors: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
    const consumer = new InboxConsumer({
      name: group,
      schema: 'stuck_join_test',
      topics: [topic],
      kafka,
      dataSource,
      // A short rebalance timeout, so the member a fresh start leaves behind expires inside the limit, as with the
      // defaults (60 s and 120 s).
      rebalanceTimeoutMs: 5_000,
      stuckAfterMs: 10_000,
      logger,
    });
    try {
      // Not awaited: start() resolves once consuming, and joining is what stands still here.
      void consumer.start();
      await waitFor(() => errors.some((e) => /stood joining for \d+ s while the broker answered/.test(e)), {
        timeoutMs: 60_000,
        description: 'the stuck consumer started afresh',
      });
      expect(consumer.state()).toBe('joining');
      // The other member lets go and leaves: the fresh consumer joins and consumes.
      release();
      await other.disconnect();
      await waitFor(() => consumer.state() === 'consuming', {
        timeoutMs: 60_000,
        description: 'the fresh consumer consuming',
      });
    } finally {
      release();
      await consumer.stop();
      await other.disconnect().catch(() => undefined);
      await dataSource.destroy();
    }
  });
});
