import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, testEnvironment } from '@insurer/platform-testing';
import { PLATFORM_TOPICS } from './topic-settings';

const env = testEnvironment();
const cli = join(repoRoot(), 'dist', 'libs', 'platform', 'messaging', 'src', 'topics-cli.js');
const run = (extra: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [cli], { env: { PATH: process.env.PATH, ...extra }, encoding: 'utf8' });

describe('the topics command (the deployment’s topics Job)', () => {
  it('finds every platform topic on the cluster and exits 0', () => {
    const result = run({ KAFKA_BROKERS: env.kafkaBrokers });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The first line counts them (infra:up created them already); any further line is a warning about one.
    const [first, ...rest] = result.stdout.trimEnd().split('\n');
    expect(first).toBe(`[topics] topics: ${PLATFORM_TOPICS.length} present`);
    for (const line of rest) expect(line).toMatch(/^\[topics\] warning: topic /);
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
  });
});
