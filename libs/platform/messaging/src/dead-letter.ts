import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { deadLetterTopic } from '@insurer/contracts';
import { redactSensitive } from './redact';

export interface DeadLetterReason {
  readonly errorClass: string;
  readonly message: string;
  readonly attempts: number;
}

/** Header names follow the spirit of Kafka Connect's `__connect.errors.*` convention. */
export const DLQ_HEADERS = {
  sourceTopic: 'dlq.source.topic',
  sourcePartition: 'dlq.source.partition',
  sourceOffset: 'dlq.source.offset',
  errorClass: 'dlq.error.class',
  errorMessage: 'dlq.error.message',
  consumer: 'dlq.consumer',
  attempts: 'dlq.attempts',
  failedAt: 'dlq.failed.at',
  /** JSON pointers of the fields masked before parking (ID numbers, accounts, health answers); absent when none. */
  redacted: 'dlq.redacted',
} as const;

/**
 * Parks a message with its original key and headers, plus where it came from and why it failed. Its value is kept as
 * it was, except that sensitive fields are masked (redact.ts) and named in `dlq.redacted`: the operators' queue is no
 * place for bank accounts and health answers.
 */
export async function sendToDeadLetter(
  producer: Producer,
  consumer: string,
  source: { topic: string; partition: number; message: KafkaMessage },
  reason: DeadLetterReason,
): Promise<void> {
  const headers: IHeaders = {
    ...(source.message.headers ?? {}),
    [DLQ_HEADERS.sourceTopic]: source.topic,
    [DLQ_HEADERS.sourcePartition]: String(source.partition),
    [DLQ_HEADERS.sourceOffset]: source.message.offset,
    [DLQ_HEADERS.errorClass]: reason.errorClass,
    [DLQ_HEADERS.errorMessage]: reason.message.slice(0, 4_000),
    [DLQ_HEADERS.consumer]: consumer,
    [DLQ_HEADERS.attempts]: String(reason.attempts),
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
  const { value, paths } = redactSensitive(source.message.value);
  if (paths.length) headers[DLQ_HEADERS.redacted] = paths.join(',');
  await producer.send({
    topic: deadLetterTopic(source.topic),
    acks: -1,
    messages: [{ key: source.message.key, value, headers }],
  });
}
