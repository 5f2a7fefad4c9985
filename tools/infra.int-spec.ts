import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@insurer/platform-testing';

describe('infra up without a reachable Postgres', () => {
  it('stops at once with a message saying how to point DATABASE_URL at one', () => {
    const result = spawnSync(process.execPath, [join(repoRoot(), 'dist/tools/infra.js'), 'up'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/insurer',
        KAFKA_BROKERS: '127.0.0.1:1',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /Postgres is not reachable at postgresql:\/\/postgres@127\.0\.0\.1:1\/insurer/,
    );
    expect(result.stderr).toMatch(/Point DATABASE_URL at a running server/);
  });
});
