import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigResourceTypes } from 'kafkajs';
import { repoRoot, testEnvironment } from '@insurer/platform-testing';
import { createKafka } from './kafka';
import { PLATFORM_TOPICS } from './topic-settings';

const env = testEnvironment();
const cli = join(repoRoot(), 'dist', 'libs', 'platform', 'messaging', 'src', 'topics-cli.js');
const run = (extra: NodeJS.ProcessEnv, args: string[] = []) =>
  spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, ...extra },
    encoding: 'utf8',
  });

describe('the topics command (the deployment’s topics Job)', () => {
  it('finds every platform topic on the cluster and exits 0', () => {
    const result = run({ KAFKA_BROKERS: env.kafkaBrokers });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The first line counts them (infra:up created them already); any further line is a warning about one.
    const [first, ...rest] = result.stdout.trimEnd().split('\n');
    expect(first).toBe(`[topics] topics: ${PLATFORM_TOPICS.length} present`);
    for (const line of rest) expect(line).toMatch(/^\[topics\] warning: /);
  });

  it('exits 1 naming what is missing or malformed', () => {
    const noBrokers = run({});
    expect(noBrokers.status).toBe(1);
    expect(noBrokers.stderr).toContain('KAFKA_BROKERS is not set');
    const malformed = run({ KAFKA_BROKERS: env.kafkaBrokers, KAFKA_TOPIC_REPLICATION_FACTOR: '0' });
    expect(malformed.status).toBe(1);
    expect(malformed.stderr).toContain(
      'KAFKA_TOPIC_REPLICATION_FACTOR must be a whole number of 1 or more, got "0"',
    );
    const unknown = run({ KAFKA_BROKERS: env.kafkaBrokers }, ['--apply']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown argument --apply: the one there is, --alter');
  });

  it('names a dead-letter topic set to expire, and with --alter sets it back to keep its messages', async () => {
    const topic = PLATFORM_TOPICS.find((t) => t.kind === 'dead-letters')!.name;
    const admin = createKafka({ clientId: 'topics-cli-check', brokers: env.kafkaBrokers.split(',') }).admin();
    await admin.connect();
    const retentionOf = async () => {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
      });
      return resources[0].configEntries[0].configValue;
    };
    try {
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            type: ConfigResourceTypes.TOPIC,
            name: topic,
            configEntries: [
              { name: 'retention.ms', value: '86400000' },
              { name: 'cleanup.policy', value: 'delete' },
              { name: 'retention.bytes', value: '-1' },
              { name: 'min.insync.replicas', value: '1' },
            ],
          },
        ],
      });

      const reported = run({ KAFKA_BROKERS: env.kafkaBrokers });
      expect(reported.status).toBe(0);
      expect(reported.stdout).toContain(
        `[topics] warning: topic ${topic}: retention.ms is 86400000, -1 wanted for dead-letters`,
      );
      expect(reported.stdout).toContain('topics-cli.js --alter` sets the settings above');
      expect(await retentionOf()).toBe('86400000');

      const altered = run({ KAFKA_BROKERS: env.kafkaBrokers }, ['--alter']);
      expect(altered.stderr).toBe('');
      expect(altered.status).toBe(0);
      expect(altered.stdout).toContain(`[topics] set ${topic}: retention.ms=-1 (was 86400000)\n`);
      expect(altered.stdout).not.toContain('warning');
      expect(await retentionOf()).toBe('-1');

      // Done: nothing more to set.
      expect(run({ KAFKA_BROKERS: env.kafkaBrokers }, ['--alter']).stdout).toBe(
        `[topics] topics: ${PLATFORM_TOPICS.length} present\n`,
      );
    } finally {
      await admin.disconnect();
    }
  });
});
