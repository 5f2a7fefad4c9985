// First: kafkajs' producer binds the grouping and the record encoding these replace when it loads (see the files).
import './kafkajs-grouping-fix';
import './kafkajs-record-fix';
import {
  ConfigResourceTypes,
  ConfigSource,
  Kafka,
  logLevel,
  type Admin,
  type ITopicConfig,
  type LogEntry,
} from 'kafkajs';
import type { Logger } from 'pino';
import { withTimeout } from '@insurer/platform-config';
import { applyKafkajsEncoderFix } from './kafkajs-encoder-fix';
import { applyKafkajsFetchSessions, setFetchSessions } from './kafkajs-fetch-session';
import { applyKafkajsIdleFix } from './kafkajs-idle-fix';
import {
  PLATFORM_TOPICS,
  alteredSettings,
  copiesDrift,
  settingsDrift,
  topicConfig,
  type OwnSetting,
  type SettingDrift,
  type TopicOptions,
  type TopicSpec,
  type TopicState,
} from './topic-settings';

export interface KafkaSettings {
  readonly clientId: string;
  readonly brokers: readonly string[];
  readonly connectionTimeoutMs?: number;
  readonly retries?: number;
  /**
   * Whether consumers fetch through incremental fetch sessions (`kafkajs-fetch-session.ts`; on unless false). One
   * setting for the process: the last client made decides.
   */
  readonly fetchSessions?: boolean;
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
  setFetchSessions(settings.fetchSessions !== false && applyKafkajsFetchSessions());
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
  /** With `alter`: the settings set on existing topics, a line each topic. */
  readonly altered: readonly string[];
}

export interface EnsureTopicsOptions extends TopicOptions {
  /**
   * Set the settings of existing topics that differ (`settingsDrift`) to the platform's, each topic keeping its
   * other settings; by default they are only reported. Copies are reported either way.
   */
  readonly alter?: boolean;
}

/**
 * Creates the missing topics, each with its kind's settings (`topicConfig`) and `replicationFactor` copies (by
 * default three, or as many as the cluster has brokers if fewer), and reports how the existing ones differ from
 * that, or with `alter` sets their differing settings.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  options: EnsureTopicsOptions,
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
  const states = present.length ? await topicStates(admin, present) : new Map<string, ReadTopic>();
  const drift: string[] = [];
  const toAlter: { name: string; own: readonly OwnSetting[]; changes: SettingDrift[] }[] = [];
  for (const spec of present) {
    const state = states.get(spec.name) ?? { replicationFactor: 0, config: {}, own: [] };
    const copies = copiesDrift(spec, replicationFactor, state);
    if (copies) drift.push(copies);
    const changes = settingsDrift(spec, replicationFactor, state);
    if (options.alter && changes.length) toAlter.push({ name: spec.name, own: state.own, changes });
    else drift.push(...changes.map((c) => c.line));
  }
  const { altered, left } = toAlter.length ? await alterTopics(admin, toAlter) : { altered: [], left: [] };
  return { created: missing.map((t) => t.topic), drift: [...drift, ...left], altered };
}

/**
 * The platform's topics (`PLATFORM_TOPICS`) made sure of on a cluster, for `infra:up` and the deployment's topics Job:
 * says how many there are and how many it created, and names each existing topic's difference as a warning, or with
 * `alter` each setting it set.
 */
export async function ensurePlatformTopics(
  kafka: Kafka,
  options: EnsureTopicsOptions,
  say: (line: string) => void,
): Promise<TopicsEnsured> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ensured = await ensureTopics(admin, PLATFORM_TOPICS, options);
    say(
      `topics: ${PLATFORM_TOPICS.length} present${ensured.created.length ? ` (${ensured.created.length} created)` : ''}`,
    );
    for (const line of ensured.altered) say(`set ${line}`);
    for (const line of ensured.drift) say(`warning: topic ${line}`);
    if (!options.alter && ensured.drift.length) {
      say(
        'warning: `node dist/libs/platform/messaging/src/topics-cli.js --alter` sets the settings above, keeping ' +
          "each topic's others (copies change only by reassigning partitions)",
      );
    }
    return ensured;
  } finally {
    await admin.disconnect();
  }
}

/** A topic as the cluster has it, with the settings it was given itself (what AlterConfigs must send again). */
type ReadTopic = TopicState & { readonly own: readonly OwnSetting[] };

/** Each topic's copies (the fewest of any partition) and settings, from one metadata and one DescribeConfigs request. */
async function topicStates(admin: Admin, topics: readonly TopicSpec[]): Promise<Map<string, ReadTopic>> {
  const names = topics.map((t) => t.name);
  const [metadata, configs] = await Promise.all([
    admin.fetchTopicMetadata({ topics: names }),
    admin.describeConfigs({
      includeSynonyms: false,
      resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    }),
  ]);
  const copies = new Map(
    metadata.topics.map((t) => [t.name, Math.min(...t.partitions.map((p) => p.replicas.length))]),
  );
  return new Map(
    configs.resources.map((r) => [
      r.resourceName,
      {
        replicationFactor: copies.get(r.resourceName) ?? 0,
        config: Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])),
        own: r.configEntries.filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG),
      },
    ]),
  );
}

/**
 * Sets each topic's `changes` with Kafka's AlterConfigs, which replaces every setting a topic was given: the topic's
 * own settings, as read, are sent along (`alteredSettings`). A topic with a sensitive setting of its own is left as
 * it is, its differences `left` to report. Another client's change to a topic between the read and the write would be
 * lost; run one at a time.
 */
async function alterTopics(
  admin: Admin,
  topics: readonly { name: string; own: readonly OwnSetting[]; changes: SettingDrift[] }[],
): Promise<{ altered: string[]; left: string[] }> {
  const altered: string[] = [];
  const left: string[] = [];
  for (const { name, own, changes } of topics) {
    const altering = alteredSettings(own, changes);
    if ('hidden' in altering) {
      const hidden = altering.hidden.join(', ');
      left.push(
        ...changes.map((c) => `${c.line}; not set, as the topic's sensitive ${hidden} would be lost`),
      );
      continue;
    }
    const { settings } = altering;
    // A topic a request: the cluster applies each resource on its own, so a failure names the one it hit.
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name,
            configEntries: Object.entries(settings).map(([setting, value]) => ({ name: setting, value })),
          },
        ],
      });
    } catch (err) {
      const before = altered.length ? `; set before it: ${altered.join('; ')}` : '';
      throw new Error(
        `could not alter topic ${name}: ${err instanceof Error ? err.message : String(err)}${before}`,
      );
    }
    altered.push(
      `${name}: ${changes.map((c) => `${c.setting}=${c.wanted} (was ${c.was ?? 'unknown'})`).join(', ')}`,
    );
  }
  return { altered, left };
}
