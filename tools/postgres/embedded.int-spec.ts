import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { repoRoot } from '@insurer/platform-testing';

// Postgres will not run as root: as root, the infra script runs as the unprivileged user `nobody`, the way a
// developer without a local Postgres would run it. `nobody` may not be able to reach the clone (under root's home, or
// a `mktemp -d` folder), so the clone is bind-mounted into the test's own folder in a private mount namespace first:
// where the clone sits does not matter.
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('infra up with the embedded Postgres', () => {
  let dir: string;
  let port: number;

  const infra = (command: 'up' | 'down', opts: { user?: 'root' } = {}) => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      INFRA_PROFILE: 'embtest',
      INFRA_CACHE_DIR: dir,
      INFRA_POSTGRES: 'embedded',
      EMBEDDED_POSTGRES_PORT: String(port),
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    };
    const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    if (!asRoot || opts.user === 'root') {
      const script = join(repoRoot(), 'dist/tools/infra.js');
      return spawnSync('env', ['-i', ...assignments, process.execPath, script, command], {
        encoding: 'utf8',
        timeout: 120_000,
      });
    }
    const mountPoint = join(dir, 'repo');
    const run = [
      `mkdir -p '${mountPoint}'`,
      `mount --bind '${repoRoot()}' '${mountPoint}'`,
      `exec runuser -u nobody -- env -i ${assignments.map((a) => `'${a}'`).join(' ')} '${process.execPath}' '${mountPoint}/dist/tools/infra.js' ${command}`,
    ].join(' && ');
    return spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', run], {
      encoding: 'utf8',
      timeout: 120_000,
    });
  };

  const query = async (sql: string) => {
    const client = new Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/insurer` });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-pg-'));
    if (asRoot) chownSync(dir, NOBODY, NOBODY);
    port = await freePort();
  });

  afterAll(() => {
    infra('down');
    rmSync(dir, { recursive: true, force: true });
  });

  it('initialises, starts it detached, creates the database and schemas, and writes its URL for the others', async () => {
    const result = infra('up');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`embedded postgres: started on 127.0.0.1:${port}`);
    const url = `postgresql://postgres@127.0.0.1:${port}/insurer`;
    expect(readFileSync(join(dir, 'embtest.env'), 'utf8')).toContain(`DATABASE_URL=${url}\n`);

    const schemas = await query(`SELECT nspname FROM pg_namespace ORDER BY nspname`);
    expect(schemas.map((r: { nspname: string }) => r.nspname)).toEqual(
      expect.arrayContaining(['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics']),
    );
    await query(`CREATE TABLE customer.marker (v text); INSERT INTO customer.marker VALUES ('kept')`);
  });

  it('stops on down, and keeps its data for the next up', async () => {
    const stopped = infra('down');
    expect(stopped.status).toBe(0);
    expect(stopped.stdout).toContain('embedded postgres stopped');
    await expect(query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);

    const again = infra('up');
    expect(again.status).toBe(0);
    expect(again.stdout).not.toContain('initialised');
    expect(await query('SELECT v FROM customer.marker')).toEqual([{ v: 'kept' }]);
  });

  (asRoot ? it : it.skip)('as root, says why it cannot start one and how to point DATABASE_URL', () => {
    const result = infra('up', { user: 'root' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/No embedded server either: Postgres refuses to run as root/);
    expect(result.stderr).toMatch(/Point DATABASE_URL at a running server/);
  });
});
