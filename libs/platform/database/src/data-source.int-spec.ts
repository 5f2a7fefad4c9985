import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testEnvironment, waitFor } from '@insurer/platform-testing';
import { serviceDataSourceOptions } from './data-source';

const database = { schema: 'public', entities: [], migrations: [] };

/** The connections Postgres holds open for one application name. */
async function openConnections(probe: DataSource, applicationName: string): Promise<number> {
  const [row] = (await probe.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1`,
    [applicationName],
  )) as { n: number }[];
  return row.n;
}

/** Holds `n` of the pool's connections at once, so the pool opens that many. */
async function useConnections(dataSource: DataSource, n: number): Promise<void> {
  const runners = Array.from({ length: n }, () => dataSource.createQueryRunner());
  await Promise.all(runners.map((r) => r.connect()));
  await Promise.all(runners.map((r) => r.query('SELECT 1')));
  await Promise.all(runners.map((r) => r.release()));
}

describe("a service's connection pool", () => {
  const url = testEnvironment().databaseUrl;
  let probe: DataSource;

  beforeAll(async () => {
    probe = await new DataSource({ type: 'postgres', url, extra: { max: 1 } }).initialize();
  });
  afterAll(async () => {
    await probe?.destroy();
  });

  it('closes the connections left unused for the idle time it is given', async () => {
    const applicationName = `pool-idle-${randomUUID().slice(0, 8)}`;
    const dataSource = await new DataSource(
      serviceDataSourceOptions(database, { url, poolMax: 3, applicationName, idleMs: 1_000 }),
    ).initialize();
    try {
      await useConnections(dataSource, 3);
      expect(await openConnections(probe, applicationName)).toBe(3);
      // node-postgres' own default (10 s) would outlast this wait: the idle time given is the one in force.
      await waitFor(async () => ((await openConnections(probe, applicationName)) === 0 ? true : undefined), {
        timeoutMs: 6_000,
        intervalMs: 100,
        description: 'the idle connections to close',
      });
    } finally {
      await dataSource.destroy();
    }
  });
});
