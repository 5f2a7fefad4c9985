import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { testEnvironment } from '@insurer/platform-testing';
import { createKafka, ensureTopics } from './kafka';
import type { TopicSpec } from './topic-settings';

const env = testEnvironment();

describe('ensureTopics against the broker', () => {
  const run = randomUUID().slice(0, 8);
  const specs: TopicSpec[] = [
    { name: `retention-check-${run}.events`, kind: 'events' },
    { name: `retention-check-${run}.commands`, kind: 'commands' },
    { name: `retention-check-${run}.events.dlq`, kind: 'dead-letters' },
  ];
  let admin: Admin;

  beforeAll(async () => {
    admin = createKafka({ clientId: 'topic-settings-check', brokers: env.kafkaBrokers.split(',') }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: specs.map((s) => s.name) }).catch(() => undefined);
    await admin.disconnect();
  });

  const settingsOf = async (
    name: string,
    configNames = ['retention.ms', 'retention.bytes', 'min.insync.replicas', 'cleanup.policy'],
  ) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames }],
    });
    return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
  };
  // Kafka's AlterConfigs: the topic's own settings become exactly these.
  const setOnly = (name: string, settings: Record<string, string>) =>
    admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name,
          configEntries: Object.entries(settings).map(([setting, value]) => ({ name: setting, value })),
        },
      ],
    });

  it('creates each kind with its retention and as many copies as the one test broker allows', async () => {
    const first = await ensureTopics(admin, specs, { partitions: 2 });
    expect([...first.created].sort()).toEqual(specs.map((s) => s.name).sort());
    expect(first.drift).toEqual([]);

    // The test broker's own default is 168 hours: the topics' settings, not the broker's, decide.
    expect(await settingsOf(specs[0].name)).toEqual({
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'min.insync.replicas': '1',
      'cleanup.policy': 'delete',
    });
    expect((await settingsOf(specs[1].name))['retention.ms']).toBe('604800000');
    expect((await settingsOf(specs[2].name))['retention.ms']).toBe('-1');
    const { topics } = await admin.fetchTopicMetadata({ topics: [specs[0].name] });
    expect(topics[0].partitions.map((p) => p.replicas.length)).toEqual([1, 1]);

    // Asked again: nothing to create, nothing differs.
    expect(await ensureTopics(admin, specs, { partitions: 2 })).toEqual({
      created: [],
      drift: [],
      altered: [],
    });
  });

  it('reports, without changing it, an events topic an operator set to expire and more copies than exist', async () => {
    await setOnly(specs[0].name, { 'retention.ms': '86400000' });
    const again = await ensureTopics(admin, specs, { partitions: 2, replicationFactor: 3 });
    expect(again.created).toEqual([]);
    expect(again.drift).toEqual(
      expect.arrayContaining([
        `${specs[0].name}: retention.ms is 86400000, -1 wanted for events`,
        expect.stringMatching(
          new RegExp(`^${specs[1].name.replace(/\./g, '\\.')}: 1 replica\\(s\\), 3 wanted`),
        ),
      ]),
    );
    expect((await settingsOf(specs[0].name))['retention.ms']).toBe('86400000');
  });

  it('with alter, sets what differs and keeps each topic’s other settings; copies stay reported', async () => {
    // An operator's settings besides the platform's, on an events topic set to expire and commands kept for good
    // and compacted.
    await setOnly(specs[0].name, {
      'retention.ms': '86400000',
      'max.message.bytes': '2097152',
      'segment.ms': '3600000',
    });
    await setOnly(specs[1].name, { 'retention.ms': '-1', 'cleanup.policy': 'compact' });

    const altered = await ensureTopics(admin, specs, { partitions: 2, alter: true });
    expect(altered.created).toEqual([]);
    expect(altered.drift).toEqual([]);
    expect(altered.altered).toEqual([
      `${specs[0].name}: retention.ms=-1 (was 86400000)`,
      `${specs[1].name}: retention.ms=604800000 (was -1), cleanup.policy=delete (was compact)`,
    ]);

    expect(
      await settingsOf(specs[0].name, ['retention.ms', 'max.message.bytes', 'segment.ms', 'cleanup.policy']),
    ).toEqual({
      'retention.ms': '-1',
      'max.message.bytes': '2097152',
      'segment.ms': '3600000',
      'cleanup.policy': 'delete',
    });
    expect(await settingsOf(specs[1].name)).toMatchObject({
      'retention.ms': '604800000',
      'cleanup.policy': 'delete',
    });

    // Nothing left to set; too few copies are reported, not altered.
    expect(await ensureTopics(admin, specs, { partitions: 2, alter: true })).toEqual({
      created: [],
      drift: [],
      altered: [],
    });
    const copies = await ensureTopics(admin, specs, { partitions: 2, replicationFactor: 3, alter: true });
    expect(copies.altered).toEqual([]);
    expect(copies.drift).toHaveLength(specs.length);
    for (const line of copies.drift) expect(line).toMatch(/: 1 replica\(s\), 3 wanted/);
  });
});
