import { Topics, deadLetterTopic } from '@insurer/contracts';
import { createKafka, ensureTopics } from '@insurer/platform-messaging';
import { ServiceProcess, testEnvironment, waitFor } from '@insurer/platform-testing';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'fatal-test', brokers: env.kafkaBrokers.split(',') });

/**
 * A service whose consumer cannot make progress must not sit there looking healthy: past its restart budget it reports
 * not ready and exits with code 1, so the orchestrator restarts it. The failure is made real: a malformed event whose
 * dead-letter topic has been deleted, so parking it fails every time.
 */
describe('a service whose consumer keeps crashing', () => {
  const topic = Topics.ANALYTICS_EVENTS;
  const admin = kafka.admin();

  beforeAll(async () => {
    await admin.connect();
  });

  afterAll(async () => {
    await ensureTopics(admin, [{ name: deadLetterTopic(topic), kind: 'dead-letters' }], {
      partitions: Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 6),
    });
    await admin.disconnect();
  });

  it('goes not ready and exits with code 1', async () => {
    await admin.deleteTopics({ topics: [deadLetterTopic(topic)], timeout: 10_000 });
    await waitFor(async () => !(await admin.listTopics()).includes(deadLetterTopic(topic)), {
      description: 'the DLQ topic to go',
    });
    const service = new ServiceProcess('compliance-svc', 13105, {
      ...env.serviceEnv,
      CONSUMER_MAX_RESTARTS: '1',
      CONSUMER_RETRIES: '0',
    }).start();
    await service.waitUntilReady(90_000);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'fatal-test', value: 'this is not an event' }] });
    await producer.disconnect();

    // What stays after the fact: the exit code, and the fatal line logged as readiness turned red.
    const result = await service.waitForExit();
    expect(result.code).toBe(1);
    const fatal = result.output
      .split('\n')
      .filter((line) => line.includes('a consumer gave up; stopping'))
      .map((line) => JSON.parse(line) as { level: string; reason: string });
    expect(fatal).toEqual([expect.objectContaining({ level: 'fatal', reason: expect.any(String) })]);
  });
});
