import type { DataSource } from 'typeorm';
import { createMessagingTables } from '../src/messaging-tables';

/** A fresh schema with an outbox and an inbox, for a test file that needs its own. */
export async function recreateMessagingSchema(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await dataSource.query(`CREATE SCHEMA ${schema}`);
  const runner = dataSource.createQueryRunner();
  try {
    await createMessagingTables(runner, schema);
  } finally {
    await runner.release();
  }
}
