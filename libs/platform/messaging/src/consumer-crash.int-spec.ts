import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
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
    await ensureTopics(admin, [topic], 1);
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
