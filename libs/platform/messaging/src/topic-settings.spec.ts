import { ALL_TOPICS, COMMAND_TOPICS, EVENT_TOPICS, deadLetterTopic } from '@insurer/contracts';
import {
  COMMAND_RETENTION_MS,
  PLATFORM_TOPICS,
  alteredSettings,
  minInsyncReplicas,
  settingsDrift,
  topicConfig,
  topicDrift,
  topicOptionsFromEnv,
  type TopicSpec,
} from './topic-settings';

const kindOf = (name: string) => PLATFORM_TOPICS.find((t) => t.name === name)?.kind;

describe('the platform topics', () => {
  it('are every topic the contracts name, each once, with what it holds', () => {
    expect(PLATFORM_TOPICS.map((t) => t.name).sort()).toEqual([...ALL_TOPICS].sort());
    for (const topic of EVENT_TOPICS) {
      expect(kindOf(topic)).toBe('events');
      expect(kindOf(deadLetterTopic(topic))).toBe('dead-letters');
    }
    for (const topic of COMMAND_TOPICS) {
      expect(kindOf(topic)).toBe('commands');
      expect(kindOf(deadLetterTopic(topic))).toBe('dead-letters');
    }
  });
});

describe('topicConfig', () => {
  it('keeps events and dead letters for good and commands a week, by time only', () => {
    expect(topicConfig('events', 3)).toMatchObject({ 'retention.ms': '-1', 'retention.bytes': '-1' });
    expect(topicConfig('dead-letters', 3)).toMatchObject({ 'retention.ms': '-1', 'retention.bytes': '-1' });
    expect(topicConfig('commands', 3)).toMatchObject({
      'retention.ms': String(7 * 24 * 3600 * 1000),
      'retention.bytes': '-1',
    });
    expect(topicConfig('events', 1)['cleanup.policy']).toBe('delete');
  });

  it('asks two in-sync replicas of an acks=all write once there are three copies, one below', () => {
    expect([1, 2, 3, 5].map(minInsyncReplicas)).toEqual([1, 1, 2, 2]);
    expect(topicConfig('events', 3)['min.insync.replicas']).toBe('2');
    expect(topicConfig('commands', 1)['min.insync.replicas']).toBe('1');
  });
});

describe('topicDrift', () => {
  const events: TopicSpec = { name: 'customer.events.v1', kind: 'events' };
  const commands: TopicSpec = { name: 'customer.commands.v1', kind: 'commands' };
  const asCreated = (spec: TopicSpec, copies: number) => ({
    replicationFactor: copies,
    config: topicConfig(spec.kind, copies),
  });

  it('finds nothing in a topic as the platform creates it, or stricter', () => {
    expect(topicDrift(events, 3, asCreated(events, 3))).toEqual([]);
    expect(topicDrift(commands, 3, asCreated(commands, 3))).toEqual([]);
    // More copies, more in-sync replicas, commands kept a shorter time: an operator's stricter choice.
    expect(
      topicDrift(commands, 3, {
        replicationFactor: 5,
        config: { ...topicConfig('commands', 5), 'min.insync.replicas': '3', 'retention.ms': '86400000' },
      }),
    ).toEqual([]);
  });

  it('names events kept for a time only, and commands kept longer than a week or for good', () => {
    expect(
      topicDrift(events, 1, {
        replicationFactor: 1,
        config: { ...topicConfig('events', 1), 'retention.ms': '604800000' },
      }),
    ).toEqual(['customer.events.v1: retention.ms is 604800000, -1 wanted for events']);
    for (const kept of ['-1', String(COMMAND_RETENTION_MS + 1)]) {
      expect(
        topicDrift(commands, 1, {
          replicationFactor: 1,
          config: { ...topicConfig('commands', 1), 'retention.ms': kept },
        }),
      ).toEqual([`customer.commands.v1: retention.ms is ${kept}, 604800000 wanted for commands`]);
    }
  });

  it('names too few copies, too few in-sync replicas, a size limit and compaction', () => {
    const lines = topicDrift(events, 3, {
      replicationFactor: 1,
      config: {
        'retention.ms': '-1',
        'retention.bytes': '1073741824',
        'cleanup.policy': 'compact',
        'min.insync.replicas': '1',
      },
    });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^customer\.events\.v1: 1 replica\(s\), 3 wanted/);
    expect(lines[1]).toMatch(/retention\.bytes is 1073741824, -1 wanted/);
    expect(lines[2]).toMatch(/cleanup\.policy is compact, delete wanted/);
    // One copy can only have one in sync; with three copies, one in sync is too few.
    expect(
      topicDrift(events, 3, {
        replicationFactor: 3,
        config: { ...topicConfig('events', 3), 'min.insync.replicas': '1' },
      }),
    ).toEqual([
      'customer.events.v1: min.insync.replicas is 1, at least 2 wanted (acks=all is only as strong as it)',
    ]);
  });
});

describe('settingsDrift and alteredSettings (what --alter sets)', () => {
  const events: TopicSpec = { name: 'claims.events.v1', kind: 'events' };
  const commands: TopicSpec = { name: 'claims.commands.v1', kind: 'commands' };

  it('gives each differing setting the value the platform creates it with, and the one it had', () => {
    expect(
      settingsDrift(events, 3, {
        replicationFactor: 3,
        config: {
          'retention.ms': '604800000',
          'retention.bytes': '1073741824',
          'cleanup.policy': 'compact',
          'min.insync.replicas': '1',
        },
      }).map(({ setting, wanted, was }) => ({ setting, wanted, was })),
    ).toEqual([
      { setting: 'retention.ms', wanted: '-1', was: '604800000' },
      { setting: 'retention.bytes', wanted: '-1', was: '1073741824' },
      { setting: 'cleanup.policy', wanted: 'delete', was: 'compact' },
      { setting: 'min.insync.replicas', wanted: '2', was: '1' },
    ]);
    // Commands kept for good get a week; a topic of one copy is not asked for two in sync.
    expect(
      settingsDrift(commands, 3, {
        replicationFactor: 1,
        config: { ...topicConfig('commands', 1), 'retention.ms': '-1' },
      }).map(({ setting, wanted }) => [setting, wanted]),
    ).toEqual([['retention.ms', String(COMMAND_RETENTION_MS)]]);
  });

  it('sends the topic’s own other settings along with the changed ones', () => {
    const changes = settingsDrift(events, 1, {
      replicationFactor: 1,
      config: { ...topicConfig('events', 1), 'retention.ms': '86400000' },
    });
    expect(
      alteredSettings(
        [
          { configName: 'retention.ms', configValue: '86400000', isSensitive: false },
          { configName: 'max.message.bytes', configValue: '2097152', isSensitive: false },
        ],
        changes,
      ),
    ).toEqual({ settings: { 'retention.ms': '-1', 'max.message.bytes': '2097152' } });
  });

  it('sends nothing for a topic with a sensitive setting of its own, whose value would be lost', () => {
    const changes = settingsDrift(events, 1, { replicationFactor: 1, config: { 'retention.ms': '1000' } });
    expect(
      alteredSettings(
        [
          { configName: 'retention.ms', configValue: '1000', isSensitive: false },
          { configName: 'some.secret', configValue: null, isSensitive: true },
        ],
        changes,
      ),
    ).toEqual({ hidden: ['some.secret'] });
  });
});

describe('topicOptionsFromEnv', () => {
  it('gives six partitions and leaves the copies to the cluster unless told', () => {
    expect(topicOptionsFromEnv({})).toEqual({ partitions: 6, replicationFactor: undefined });
    expect(
      topicOptionsFromEnv({ KAFKA_TOPIC_PARTITIONS: '12', KAFKA_TOPIC_REPLICATION_FACTOR: '3' }),
    ).toEqual({ partitions: 12, replicationFactor: 3 });
  });

  it('refuses a count that is not a whole number of 1 or more, naming the variable', () => {
    expect(() => topicOptionsFromEnv({ KAFKA_TOPIC_PARTITIONS: '0' })).toThrow(
      'KAFKA_TOPIC_PARTITIONS must be a whole number of 1 or more, got "0"',
    );
    expect(() => topicOptionsFromEnv({ KAFKA_TOPIC_REPLICATION_FACTOR: 'three' })).toThrow(
      'KAFKA_TOPIC_REPLICATION_FACTOR must be a whole number of 1 or more, got "three"',
    );
  });
});
