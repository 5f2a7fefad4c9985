import { ALL_TOPICS, COMMAND_TOPICS, EVENT_TOPICS, deadLetterTopic } from '@insurer/contracts';

/**
 * What a platform topic holds, which decides how long Kafka keeps it:
 * - `events`: the platform's history. New consumers, a service's copies of another's data and analytics' rebuilds
 *   read it from the start, so it is kept for good. Its values carry no personal data in clear (the end-to-end
 *   suite's scan holds it to that).
 * - `commands`: integrators' requests, with ID numbers, mobiles and bank accounts in clear. Applied once, each into
 *   its service's own tables, so they are kept a week (room for a consumer that was down), not for good: personal
 *   data is kept no longer than its purpose needs (PIPL Art. 19).
 * - `dead-letters`: what a consumer could not process, its sensitive fields masked, kept until an operator has
 *   re-driven or discarded it (a dead letter that expired would be an event lost).
 */
export type TopicKind = 'events' | 'commands' | 'dead-letters';

export interface TopicSpec {
  readonly name: string;
  readonly kind: TopicKind;
}

/** A week: Kafka's own default, stated on the topic so a cluster-wide default cannot keep commands for good. */
export const COMMAND_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

const COMMANDS = new Set<string>(COMMAND_TOPICS);
const DEAD_LETTERS = new Set([...EVENT_TOPICS, ...COMMAND_TOPICS].map(deadLetterTopic));

/** Every topic the contracts name (`ALL_TOPICS`), with what it holds: the list `infra:up` creates and checks. */
export const PLATFORM_TOPICS: readonly TopicSpec[] = ALL_TOPICS.map((name) => ({
  name,
  kind: DEAD_LETTERS.has(name) ? 'dead-letters' : COMMANDS.has(name) ? 'commands' : 'events',
}));

/** The settings `topicConfig` gives a topic, which `settingsDrift` compares with the cluster's. */
export const TOPIC_SETTINGS = [
  'cleanup.policy',
  'retention.ms',
  'retention.bytes',
  'min.insync.replicas',
] as const;

/**
 * In-sync replicas an `acks=all` write needs: with three copies or more, two, so a write acknowledged survives the
 * loss of a broker and one broker may be down without stopping writes; with fewer copies, one (no more to ask for).
 */
export function minInsyncReplicas(replicationFactor: number): number {
  return replicationFactor >= 3 ? 2 : 1;
}

/** The settings the platform sets on a topic of this kind when it creates it. */
export function topicConfig(
  kind: TopicKind,
  replicationFactor: number,
): Record<(typeof TOPIC_SETTINGS)[number], string> {
  return {
    'cleanup.policy': 'delete',
    'retention.ms': String(kind === 'commands' ? COMMAND_RETENTION_MS : -1),
    // Size never ends a topic's retention: only time does, and only for commands.
    'retention.bytes': '-1',
    'min.insync.replicas': String(minInsyncReplicas(replicationFactor)),
  };
}

/** A topic as the cluster has it: its copies and the settings `topicConfig` sets. */
export interface TopicState {
  readonly replicationFactor: number;
  readonly config: Readonly<Record<string, string | undefined>>;
}

/** A setting of an existing topic that keeps less (or, for commands, longer) than its kind should. */
export interface SettingDrift {
  readonly setting: (typeof TOPIC_SETTINGS)[number];
  /** The value the platform gives it, which `--alter` sets. */
  readonly wanted: string;
  /** The value the topic has, as the cluster reads it (its own or a default). */
  readonly was: string | undefined;
  /** What is wrong, for the log. */
  readonly line: string;
}

/**
 * The settings of an existing topic that differ from what the platform would create. A topic with more in-sync
 * replicas asked for, or commands kept a shorter time, is an operator's stricter choice and not reported.
 */
export function settingsDrift(
  spec: TopicSpec,
  replicationFactor: number,
  actual: TopicState,
): SettingDrift[] {
  const drift: SettingDrift[] = [];
  const wanted = topicConfig(spec.kind, replicationFactor);
  const retention = Number(actual.config['retention.ms']);
  if (spec.kind === 'commands' ? !(retention > 0 && retention <= COMMAND_RETENTION_MS) : retention !== -1) {
    drift.push({
      setting: 'retention.ms',
      wanted: wanted['retention.ms'],
      was: actual.config['retention.ms'],
      line: `${spec.name}: retention.ms is ${actual.config['retention.ms'] ?? 'unknown'}, ${wanted['retention.ms']} wanted for ${spec.kind}`,
    });
  }
  if (actual.config['retention.bytes'] !== undefined && actual.config['retention.bytes'] !== '-1') {
    drift.push({
      setting: 'retention.bytes',
      wanted: '-1',
      was: actual.config['retention.bytes'],
      line: `${spec.name}: retention.bytes is ${actual.config['retention.bytes']}, -1 wanted (time alone ends retention)`,
    });
  }
  if (actual.config['cleanup.policy'] !== undefined && actual.config['cleanup.policy'] !== 'delete') {
    drift.push({
      setting: 'cleanup.policy',
      wanted: 'delete',
      was: actual.config['cleanup.policy'],
      line: `${spec.name}: cleanup.policy is ${actual.config['cleanup.policy']}, delete wanted (every record is kept, none compacted away)`,
    });
  }
  const insync = Number(actual.config['min.insync.replicas']);
  // Asked of the copies the topic has: three wanted but one there can only have one in sync.
  const wantedInsync = minInsyncReplicas(Math.min(replicationFactor, actual.replicationFactor));
  if (!(insync >= wantedInsync)) {
    drift.push({
      setting: 'min.insync.replicas',
      wanted: String(wantedInsync),
      was: actual.config['min.insync.replicas'],
      line: `${spec.name}: min.insync.replicas is ${actual.config['min.insync.replicas'] ?? 'unknown'}, at least ${wantedInsync} wanted (acks=all is only as strong as it)`,
    });
  }
  return drift;
}

/** An existing topic's copies, when fewer than asked for: only reassigning its partitions changes them. */
export function copiesDrift(
  spec: TopicSpec,
  replicationFactor: number,
  actual: TopicState,
): string | undefined {
  return actual.replicationFactor < replicationFactor
    ? `${spec.name}: ${actual.replicationFactor} replica(s), ${replicationFactor} wanted (a topic's replication factor changes only by reassigning its partitions)`
    : undefined;
}

/**
 * How an existing topic differs from what the platform would create, one line each: fewer copies than asked for
 * (`copiesDrift`), then each setting that differs (`settingsDrift`).
 */
export function topicDrift(spec: TopicSpec, replicationFactor: number, actual: TopicState): string[] {
  const copies = copiesDrift(spec, replicationFactor, actual);
  return [...(copies ? [copies] : []), ...settingsDrift(spec, replicationFactor, actual).map((d) => d.line)];
}

/** A setting a topic was given itself, as DescribeConfigs reads it (source TOPIC_CONFIG). */
export interface OwnSetting {
  readonly configName: string;
  /** Null for a sensitive setting: the cluster does not give its value back. */
  readonly configValue: string | null;
  readonly isSensitive: boolean;
}

/**
 * What to send with Kafka's AlterConfigs so that a topic gets `changes` and keeps the rest: AlterConfigs replaces
 * everything set on the topic, so each of its own settings goes along, the changed ones with their new value. A topic
 * with a sensitive setting of its own cannot keep it (its value is not read back): `hidden` names it, and nothing is
 * to be sent.
 */
export function alteredSettings(
  own: readonly OwnSetting[],
  changes: readonly SettingDrift[],
): { readonly settings: Record<string, string> } | { readonly hidden: readonly string[] } {
  const hidden = own.filter((e) => e.isSensitive || e.configValue === null).map((e) => e.configName);
  if (hidden.length) return { hidden };
  const settings = Object.fromEntries(own.map((e) => [e.configName, e.configValue as string]));
  for (const change of changes) settings[change.setting] = change.wanted;
  return { settings };
}

/** How many partitions and copies the platform's topics get, from the environment the scripts and the Job share. */
export interface TopicOptions {
  readonly partitions: number;
  /** Unset: three copies, or as many as the cluster has brokers if fewer. */
  readonly replicationFactor?: number;
}

/** KAFKA_TOPIC_PARTITIONS (default 6) and KAFKA_TOPIC_REPLICATION_FACTOR; a malformed one is refused by name. */
export function topicOptionsFromEnv(env: NodeJS.ProcessEnv): TopicOptions {
  return {
    partitions: wholeNumber(env.KAFKA_TOPIC_PARTITIONS, 'KAFKA_TOPIC_PARTITIONS') ?? 6,
    replicationFactor: wholeNumber(env.KAFKA_TOPIC_REPLICATION_FACTOR, 'KAFKA_TOPIC_REPLICATION_FACTOR'),
  };
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[1-9]\d*$/.test(value))
    throw new Error(`${name} must be a whole number of 1 or more, got "${value}"`);
  return Number(value);
}
