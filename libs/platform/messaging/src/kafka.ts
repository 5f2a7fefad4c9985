// First: kafkajs' producer binds the grouping and the record encoding these replace when it loads (see the files).
import './kafkajs-grouping-fix';
import './kafkajs-record-fix';
import { ConfigResourceTypes, Kafka, logLevel, type Admin, type ITopicConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { withTimeout } from '@insurer/platform-config';
import { applyKafkajsEncoderFix } from './kafkajs-encoder-fix';
import { applyKafkajsIdleFix } from './kafkajs-idle-fix';
import {
  PLATFORM_TOPICS,
  TOPIC_SETTINGS,
  topicConfig,
  topicDrift,
  type TopicOptions,
  type TopicSpec,
} from './topic-settings';

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

export interface TopicsEnsured {
  /** The topics that were missing and are now created. */
  readonly created: readonly string[];
  /** How existing topics differ from what the platform would create (`topicDrift`), one line each. */
  readonly drift: readonly string[];
}

/**
 * Creates the missing topics, each with its kind's settings (`topicConfig`) and `replicationFactor` copies (by
 * default three, or as many as the cluster has brokers if fewer), and reports how the existing ones differ from
 * that. Existing topics are not altered: Kafka's AlterConfigs replaces every setting a topic was given, and an
 * operator's other settings would be lost with it.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  options: TopicOptions,
): Promise<TopicsEnsured> {
  const replicationFactor =
    options.replicationFactor ?? Math.min(3, (await admin.describeCluster()).brokers.length);
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = topics
    .filter((spec) => !existing.has(spec.name))
    .map((spec) => ({
      topic: spec.name,
      numPartitions: options.partitions,
      replicationFactor,
      configEntries: Object.entries(topicConfig(spec.kind, replicationFactor)).map(([name, value]) => ({
        name,
        value,
      })),
    }));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  }
  const present = topics.filter((spec) => existing.has(spec.name));
  const drift = present.length ? await driftOf(admin, present, replicationFactor) : [];
  return { created: missing.map((t) => t.topic), drift };
}

/**
 * The platform's topics (`PLATFORM_TOPICS`) made sure of on a cluster, for `infra:up` and the deployment's topics Job:
 * says how many there are and how many it created, and names each existing topic's difference as a warning (it
 * changes none; `kafka-configs.sh --alter --add-config` sets one setting alone).
 */
export async function ensurePlatformTopics(
  kafka: Kafka,
  options: TopicOptions,
  say: (line: string) => void,
): Promise<TopicsEnsured> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ensured = await ensureTopics(admin, PLATFORM_TOPICS, options);
    say(
      `topics: ${PLATFORM_TOPICS.length} present${ensured.created.length ? ` (${ensured.created.length} created)` : ''}`,
    );
    for (const line of ensured.drift) say(`warning: topic ${line}`);
    return ensured;
  } finally {
    await admin.disconnect();
  }
}

async function driftOf(
  admin: Admin,
  topics: readonly TopicSpec[],
  replicationFactor: number,
): Promise<string[]> {
  const names = topics.map((t) => t.name);
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: names }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: names.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: [...TOPIC_SETTINGS],
      })),
    }),
  ]);
  const copies = new Map(
    metadata.topics.map((t) => [t.name, Math.min(...t.partitions.map((p) => p.replicas.length))]),
  );
  const settings = new Map(
    configs.resources.map((r) => [
      r.resourceName,
      Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])),
    ]),
  );
  return topics.flatMap((spec) =>
    topicDrift(spec, replicationFactor, {
      replicationFactor: copies.get(spec.name) ?? 0,
      config: settings.get(spec.name) ?? {},
    }),
  );
}
