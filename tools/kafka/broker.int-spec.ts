import { randomUUID } from 'node:crypto';
import { createKafka, ensureTopics } from '@insurer/platform-messaging';
import { TopicCollector, repoRoot, testEnvironment } from '@insurer/platform-testing';
import { brokerEnv, settingsFromEnv } from '../infra';
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
  const collector = await new TopicCollector(createKafka({ clientId: 'broker-test', brokers }), [
    topic,
  ]).start();
  try {
    const messages = await collector.waitFor(() => true, expected, { description: `${expected} messages` });
    return messages.map((m) => m.value ?? '');
  } finally {
    await collector.stop();
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
    await ensureTopics(admin, [{ name: topic, kind: 'events' }], { partitions: 3 });
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
