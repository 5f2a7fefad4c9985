/** Anything that runs SQL: a TypeORM DataSource, a pg Client or Pool. */
interface Runs {
  query(text: string): Promise<unknown>;
}

/**
 * A schema of a test's own, made afresh (whatever an earlier, interrupted run left) with the tables the test names;
 * call the returned function when done to drop it.
 */
export async function scratchSchema(
  db: Runs,
  schema: string,
  tables: readonly string[],
): Promise<() => Promise<void>> {
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db.query(`CREATE SCHEMA ${schema}`);
  for (const table of tables) await db.query(`CREATE TABLE ${schema}.${table}`);
  return async () => {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  };
}
