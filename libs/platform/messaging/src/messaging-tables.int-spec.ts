import { DataSource } from 'typeorm';
import { testEnvironment } from '@insurer/platform-testing';
import { OUTBOX_AUTOVACUUM, tuneOutboxAutovacuum, untuneOutboxAutovacuum } from './messaging-tables';
import { recreateMessagingSchema } from '../test/messaging-schema';

const SCHEMA = 'messaging_tables_test';
const SERVICES = ['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics'];

let dataSource: DataSource;

/** The storage parameters a schema's outbox carries, as Postgres keeps them. */
async function outboxOptions(schema: string): Promise<string[]> {
  const [row] = await dataSource.query(
    `SELECT coalesce(c.reloptions, '{}') AS options FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = 'outbox'`,
    [schema],
  );
  return [...row.options].sort();
}

const tuned = Object.entries(OUTBOX_AUTOVACUUM)
  .map(([name, value]) => `${name}=${value}`)
  .sort();

beforeAll(async () => {
  dataSource = await new DataSource({ type: 'postgres', url: testEnvironment().databaseUrl }).initialize();
});

afterAll(async () => {
  await dataSource.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await dataSource.destroy();
});

describe('the outbox as a queue table', () => {
  it('is vacuumed at a fixed count of dead rows, and the migration down takes the setting back', async () => {
    await recreateMessagingSchema(dataSource, SCHEMA);
    const runner = dataSource.createQueryRunner();
    try {
      expect(await outboxOptions(SCHEMA)).toEqual([]);
      await tuneOutboxAutovacuum(runner, SCHEMA);
      expect(await outboxOptions(SCHEMA)).toEqual(tuned);
      await untuneOutboxAutovacuum(runner, SCHEMA);
      expect(await outboxOptions(SCHEMA)).toEqual([]);
    } finally {
      await runner.release();
    }
  });

  it('is so in every service’s schema once the migrations ran', async () => {
    for (const schema of SERVICES) expect(await outboxOptions(schema)).toEqual(tuned);
  });
});
