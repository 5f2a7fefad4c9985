import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { createKafka, ensureTopics } from '@insurer/platform-messaging';
import { testEnvironment, waitFor } from '@insurer/platform-testing';
import { brokerEnv, settingsFromEnv } from '../infra';
import { repoRoot } from '@insurer/platform-testing';
import {
  bootstrapAddress,
  brokerLayout,
  runningPid,
  startBroker,
  stopBroker,
  waitUntilReady,
} from './broker';

const root = repoRoot();
const settings = settingsFromEnv();
const managed = !process.env.KAFKA_BROKERS_EXTERNAL;

async function readAll(brokers: string[], topic: string, expected: number): Promise<string[]> {
  const consumer: Consumer = createKafka({ clientId: 'broker-test', brokers }).consumer({
    groupId: `broker-test-${randomUUID()}`,
  });
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message.value!.toString());
      },
    });
    await waitFor(() => seen.length >= expected, { timeoutMs: 30_000, description: `${expected} messages` });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

describe('the managed Kafka broker', () => {
  const brokers = testEnvironment().kafkaBrokers.split(',');
  const topic = `broker-check-${randomUUID()}`;
  const values = Array.from({ length: 20 }, (_, i) => `message-${i}`);

  it('is a real broker: what is produced with acks=all is consumed', async () => {
    const kafka = createKafka({ clientId: 'broker-test', brokers });
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic], 3);
    await admin.disconnect();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: values.map((value, i) => ({ key: `k${i % 4}`, value })),
    });
    await producer.disconnect();

    expect((await readAll(brokers, topic, values.length)).sort()).toEqual([...values].sort());
  });

  (managed ? it : it.skip)('keeps committed messages across a broker restart', async () => {
    const layout = brokerLayout(root, brokerEnv(settings));
    expect(bootstrapAddress(layout)).toBe(brokers[0]);
    const before = runningPid(layout);
    expect(before).toBeDefined();

    expect(await stopBroker(layout)).toBe(true);
    expect(runningPid(layout)).toBeUndefined();
    const pid = startBroker(layout);
    expect(pid).not.toBe(before);
    await waitUntilReady(brokers, 90_000, () => runningPid(layout) === pid);

    expect((await readAll(brokers, topic, values.length)).sort()).toEqual([...values].sort());
  });
});
