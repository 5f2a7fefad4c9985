import type { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@insurer/platform-testing';
import { sendBeginWithFirstStatement } from './begin-with-first-statement';

const SCHEMA = 'begin_test';

let dataSource: DataSource;
let other: DataSource;
/** Round trips Postgres answered (one ReadyForQuery each), over every connection of the data source. */
let roundTrips = 0;

const rows = async (id: number) =>
  (await other.query(`SELECT note FROM ${SCHEMA}.t WHERE id = $1`, [id])) as { note: string }[];

beforeAll(async () => {
  const url = testEnvironment().databaseUrl;
  dataSource = new DataSource({ type: 'postgres', url, extra: { max: 2 } });
  sendBeginWithFirstStatement(dataSource);
  await dataSource.initialize();
  const counted = new WeakSet<Client>();
  (dataSource.driver as unknown as { master: Pool }).master.on('acquire', (client) => {
    if (counted.has(client)) return;
    counted.add(client);
    (client as unknown as { connection: NodeJS.EventEmitter }).connection.on('readyForQuery', () => {
      roundTrips += 1;
    });
  });
  other = await new DataSource({ type: 'postgres', url }).initialize();
  await other.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await other.query(`CREATE SCHEMA ${SCHEMA}`);
  await other.query(`CREATE TABLE ${SCHEMA}.t (id integer PRIMARY KEY, note text NOT NULL)`);
});

afterAll(async () => {
  await other?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await dataSource?.destroy();
  await other?.destroy();
});

describe('a transaction whose BEGIN goes with its first statement', () => {
  it('costs one round trip fewer, and its statements are one transaction that others see only once committed', async () => {
    const before = roundTrips;
    const seenInside = await dataSource.transaction(async (m) => {
      const [first] = await m.query(
        `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2) RETURNING txid_current()::text AS tx`,
        [1, 'one'],
      );
      const [second] = await m.query(
        `SELECT txid_current()::text AS tx, count(*)::int AS n FROM ${SCHEMA}.t WHERE id = $1`,
        [1],
      );
      expect(second).toEqual({ tx: first.tx, n: 1 });
      return rows(1);
    });
    // BEGIN with the insert, the select, COMMIT: three, where BEGIN alone would make four.
    expect(roundTrips - before).toBe(3);
    expect(seenInside).toEqual([]);
    expect(await rows(1)).toEqual([{ note: 'one' }]);
  });

  it('rolls back when a later statement fails, and when the first one does, leaving the connection usable', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`, [2, 'two']);
        await m.query(`INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`, [2, 'again']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows(2)).toEqual([]);
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`, [1, 'taken']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows(1)).toEqual([{ note: 'one' }]);
    // Both connections of the pool come back clean: a transaction on each works.
    await Promise.all(
      [3, 4].map((id) =>
        dataSource.transaction((m) =>
          m.query(`INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`, [id, 'ok']),
        ),
      ),
    );
    expect([...(await rows(3)), ...(await rows(4))]).toEqual([{ note: 'ok' }, { note: 'ok' }]);
  });

  it('sends its own BEGIN before a first statement without parameters, and nothing for a transaction that sends none', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO ${SCHEMA}.t (id, note) VALUES (5, 'five')`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await rows(5)).toEqual([]);
    const before = roundTrips;
    await dataSource.transaction(async () => undefined);
    expect(roundTrips - before).toBe(0);
  });

  it('keeps an isolation level asked for', async () => {
    const [level] = await dataSource.transaction('SERIALIZABLE', (m) =>
      m.query(`SHOW transaction_isolation`),
    );
    expect(level).toEqual({ transaction_isolation: 'serializable' });
  });
});
