// First: kafkajs' producer binds the grouping and the record encoding these replace when it loads (see the files).
import './kafkajs-grouping-fix';
import './kafkajs-record-fix';
import { Kafka, logLevel, type Admin, type ITopicConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { withTimeout } from '@insurer/platform-config';
import { applyKafkajsEncoderFix } from './kafkajs-encoder-fix';
import { applyKafkajsIdleFix } from './kafkajs-idle-fix';

export interface KafkaSettings {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly connectionTimeoutMs?: number;
  readonly retries?: number;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose logs go through the service's JSON logger instead of the console. */
export function createKafka(settings: KafkaSettings, logger?: Logger): Kafka {
  applyKafkajsIdleFix();
  applyKafkajsEncoderFix();
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: settings.connectionTimeoutMs ?? 3_000,
    requestTimeout: 30_000,
    retry: { retries: settings.retries ?? 5, initialRetryTime: 200, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      if (!logger) return;
      const { message, ...rest } = entry.log;
      logger[LEVELS[entry.level] ?? 'info']({ kafka: { namespace: entry.namespace, ...rest } }, message);
    },
  });
}

/** Answers whether the cluster responds within the timeout: used at start-up and by the readiness check. */
export async function describeClusterWithin(admin: Admin, timeoutMs: number): Promise<{ brokers: number }> {
  const cluster = await withTimeout(admin.describeCluster(), timeoutMs);
  return { brokers: cluster.brokers.length };
}

/** Creates the missing topics with the given partition count; existing topics are left as they are. */
export async function ensureTopics(
  admin: Admin,
  topics: readonly string[],
  partitions: number,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = topics
    .filter((topic) => !existing.has(topic))
    .map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 }));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  }
  return missing.map((t) => t.topic);
}
