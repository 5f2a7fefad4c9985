import { randomUUID } from 'node:crypto';
import { Topics, deadLetterTopic } from '@insurer/contracts';
import { DLQ_HEADERS, createKafka } from '@insurer/platform-messaging';
import { TopicCollector, testEnvironment } from '@insurer/platform-testing';
import { listDeadLetters, replayDeadLetters } from './dlq';

const env = testEnvironment();
const kafka = createKafka({ clientId: 'dlq-test', brokers: env.kafkaBrokers.split(',') });

describe('the dead-letter tool', () => {
  it('lists parked messages with their reasons and re-drives them once to their topic', async () => {
    const topic = Topics.ANALYTICS_EVENTS;
    const marker = randomUUID();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: deadLetterTopic(topic),
      messages: [
        {
          key: marker,
          value: JSON.stringify({ parked: marker }),
          headers: {
            'event-type': 'analytics.test',
            [DLQ_HEADERS.sourceTopic]: topic,
            [DLQ_HEADERS.errorClass]: 'ContractViolation',
            [DLQ_HEADERS.errorMessage]: `bad payload ${marker}`,
            [DLQ_HEADERS.consumer]: 'some-consumer',
            [DLQ_HEADERS.sourcePartition]: '2',
            [DLQ_HEADERS.sourceOffset]: '41',
            [DLQ_HEADERS.attempts]: '1',
          },
        },
      ],
    });
    await producer.disconnect();

    const listed = await listDeadLetters(kafka, topic);
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: marker,
          errorClass: 'ContractViolation',
          errorMessage: `bad payload ${marker}`,
          sourceTopic: topic,
          sourcePartition: '2',
          sourceOffset: '41',
          attempts: '1',
          redacted: '',
          partition: expect.any(Number),
          offset: expect.stringMatching(/^\d+$/),
        }),
      ]),
    );

    const collector = await new TopicCollector(kafka, [topic]).start();
    try {
      expect(await replayDeadLetters(kafka, topic)).toBeGreaterThanOrEqual(1);
      const [replayed] = await collector.waitFor((m) => m.key === marker);
      expect(replayed.value).toBe(JSON.stringify({ parked: marker }));
      expect(replayed.headers['event-type']).toBe('analytics.test');
      expect(Object.keys(replayed.headers).some((h) => h.startsWith('dlq.'))).toBe(false);
      expect(await replayDeadLetters(kafka, topic)).toBe(0);
    } finally {
      await collector.stop();
    }
  });
});
