import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { preparingClient } from './prepared-statements';
import { scratchSchema, testEnvironment } from '@insurer/platform-testing';
import { serviceDataSourceOptions } from './data-source';
import { queueWrite, sendStatementsAhead } from './statements-ahead';

const SCHEMA = 'prepared_statements_test';
const url = testEnvironment().databaseUrl;
let other: DataSource;
let dropSchema: () => Promise<void>;

/** A service's data source with one connection, so every statement and the check run on the same backend. */
async function serviceDataSource(preparedPerConnection: number): Promise<DataSource> {
  const dataSource = new DataSource(
    serviceDataSourceOptions(
      { schema: 'public', entities: [], migrations: [] },
      { url, poolMax: 1, applicationName: 'prepared-test', preparedPerConnection },
    ),
  );
  sendStatementsAhead(dataSource);
  return dataSource.initialize();
}

/**
 * The tests' statements the data source's one connection holds prepared (each names the schema or carries a tag),
 * leaving out TypeORM's own on connecting and this read, which are prepared from their second use too.
 */
async function prepared(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(
    `SELECT statement FROM pg_prepared_statements
      WHERE (statement LIKE '%/*%' OR statement LIKE '%${SCHEMA}.%') AND statement NOT LIKE '%pg_prepared_statements%'
      ORDER BY prepare_time`,
  )) as {
    statement: string;
  }[];
  return rows.map((r) => r.statement);
}

const notes = async (ids: number[]) =>
  (
    (await other.query(`SELECT id, note FROM ${SCHEMA}.t WHERE id = ANY($1::int[]) ORDER BY id`, [ids])) as {
      id: number;
      note: string;
    }[]
  ).map((r) => `${r.id}:${r.note}`);

beforeAll(async () => {
  other = await new DataSource({ type: 'postgres', url }).initialize();
  dropSchema = await scratchSchema(other, SCHEMA, ['t (id integer PRIMARY KEY, note text NOT NULL)']);
});

afterAll(async () => {
  await dropSchema?.();
  await other?.destroy();
});

describe("a service's connections prepare the statements they run again", () => {
  let dataSource: DataSource;
  afterEach(async () => {
    await dataSource?.destroy();
  });

  it('from the second use on, once per connection, with the same answers', async () => {
    dataSource = await serviceDataSource(200);
    // A text of its own: the process names a text from its second use, whichever test ran it first.
    const text = `SELECT $1::int + 1 AS next /* ${randomUUID()} */`;
    expect(await dataSource.query(text, [1])).toEqual([{ next: 2 }]);
    expect(await prepared(dataSource)).toEqual([]);
    for (const n of [2, 3, 4]) expect(await dataSource.query(text, [n])).toEqual([{ next: n + 1 }]);
    expect(await prepared(dataSource)).toEqual([text]);
  });

  it('prepares a statement without parameters too when it is one statement, and runs several in one text unnamed', async () => {
    dataSource = await serviceDataSource(200);
    const tag = randomUUID();
    const one = `SELECT count(*)::int AS n FROM ${SCHEMA}.t WHERE id < 0 /* ${tag} */`;
    const several = `SELECT 1 AS a; SELECT 2 AS b /* ${tag} */`;
    // Named from its second use on the connection.
    expect(await dataSource.query(one)).toEqual([{ n: 0 }]);
    expect(await prepared(dataSource)).toEqual([]);
    for (let round = 0; round < 3; round++) {
      expect(await dataSource.query(one)).toEqual([{ n: 0 }]);
      if (round === 0) expect(await prepared(dataSource)).toEqual([one]);
      // Named, Postgres would refuse it: a prepared statement holds one command.
      await expect(dataSource.query(several)).resolves.not.toThrow();
    }
    expect(await prepared(dataSource)).toEqual([one]);
  });

  it('prepares nothing when told to prepare none', async () => {
    dataSource = await serviceDataSource(0);
    const text = `SELECT $1::int * 2 AS twice /* ${randomUUID()} */`;
    for (const n of [1, 2, 3]) expect(await dataSource.query(text, [n])).toEqual([{ twice: n * 2 }]);
    expect(await prepared(dataSource)).toEqual([]);
  });

  it('holds at most its quota, and runs the others unnamed', async () => {
    dataSource = await serviceDataSource(2);
    const texts = [1, 2, 3, 4].map((k) => `SELECT $1::int + ${k} AS sum /* ${randomUUID()} */`);
    for (let round = 0; round < 3; round++)
      for (const [k, text] of texts.entries())
        expect(await dataSource.query(text, [10])).toEqual([{ sum: 10 + k + 1 }]);
    expect(await prepared(dataSource)).toEqual(texts.slice(0, 2));
  });

  it('prepares the statements of a transaction, those sent ahead of the next one included, and keeps them through a rollback', async () => {
    dataSource = await serviceDataSource(200);
    const tag = randomUUID();
    const insert = `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2) /* ${tag} */`;
    const read = `SELECT count(*)::int AS n FROM ${SCHEMA}.t WHERE id = ANY($1::int[]) /* ${tag} */`;
    const transaction = (ids: number[]) =>
      dataSource.transaction(async (m) => {
        // The first statement goes with BEGIN; the writes go ahead of the read.
        for (const id of ids) await queueWrite(m, insert, [id, `note ${id}`]);
        return (await m.query(read, [ids])) as { n: number }[];
      });
    expect(await transaction([100, 101])).toEqual([{ n: 2 }]);
    expect(await transaction([102, 103])).toEqual([{ n: 2 }]);
    expect((await prepared(dataSource)).sort()).toEqual([insert, read].sort());
    await expect(
      dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [104, 'rolled back']);
        await m.query(read, [[104]]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await transaction([105])).toEqual([{ n: 1 }]);
    expect(await notes([100, 101, 102, 103, 104, 105])).toEqual([
      '100:note 100',
      '101:note 101',
      '102:note 102',
      '103:note 103',
      '105:note 105',
    ]);
  });

  it('recovers when a statement sent ahead fails in the batch that prepares it', async () => {
    dataSource = await serviceDataSource(200);
    const tag = randomUUID();
    const insert = `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2) /* ${tag} */`;
    const read = `SELECT note FROM ${SCHEMA}.t WHERE id = $1 /* ${tag} */`;
    await other.query(`INSERT INTO ${SCHEMA}.t (id, note) VALUES (200, 'taken')`);
    await dataSource.query(read, [200]); // seen once: the next batch prepares both
    await dataSource.transaction((m) => queueWrite(m, insert, [201, 'first'])); // seen once
    // The write's Parse, then its failing execution, then the read's Parse (never run), in one batch.
    await expect(
      dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [200, 'duplicate']);
        await m.query(read, [200]);
      }),
    ).rejects.toThrow(/duplicate key.*in a write sent ahead/);
    // Neither a missing statement nor one prepared twice: both run, and keep running.
    for (const id of [202, 203]) {
      const [row] = (await dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [id, `note ${id}`]);
        return m.query(read, [id]);
      })) as { note: string }[];
      expect(row).toEqual({ note: `note ${id}` });
    }
    expect(await notes([200, 201, 202, 203])).toEqual([
      '200:taken',
      '201:first',
      '202:note 202',
      '203:note 203',
    ]);
  });

  it('parses a statement once when statements issued together share it, sent ahead or not', async () => {
    dataSource = await serviceDataSource(200);
    const tag = randomUUID();
    const insert = `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2) /* ${tag} */`;
    const read = `SELECT note FROM ${SCHEMA}.t WHERE id = $1 /* ${tag} */`;
    await dataSource.query(read, [300]); // seen once each: named from now on
    await dataSource.query(insert, [300, 'three hundred']);
    for (const id of [301, 303]) {
      const notesRead = await dataSource.transaction(async (m) => {
        // The held write parses the insert in the first one's batch; the second binds to that Parse, pipelined
        // behind it, and so do the reads.
        await queueWrite(m, insert, [id, `note ${id}`]);
        const [first, , second, third] = await Promise.all([
          m.query(read, [id]),
          m.query(insert, [id + 1, `note ${id + 1}`]),
          m.query(read, [id + 1]),
          m.query(read, [300]),
        ]);
        return [first, second, third].map(([row]) => (row as { note: string }).note);
      });
      expect(notesRead).toEqual([`note ${id}`, `note ${id + 1}`, 'three hundred']);
    }
    expect((await prepared(dataSource)).sort()).toEqual([insert, read].sort());
    expect(await notes([300, 301, 302, 303, 304])).toEqual([
      '300:three hundred',
      '301:note 301',
      '302:note 302',
      '303:note 303',
      '304:note 304',
    ]);
  });

  it('stops using a statement whose result changed shape under it', async () => {
    dataSource = await serviceDataSource(200);
    await other.query(`CREATE TABLE ${SCHEMA}.shape (id integer PRIMARY KEY, a text)`);
    await other.query(`INSERT INTO ${SCHEMA}.shape VALUES (1, 'a')`);
    const alone = `SELECT * FROM ${SCHEMA}.shape WHERE id = $1`;
    const inTransaction = `SELECT * FROM ${SCHEMA}.shape WHERE id = $1 AND true`;
    const first = (text: string) => dataSource.transaction((m) => m.query(text, [1])); // goes with BEGIN
    for (let round = 0; round < 2; round++) {
      expect(await dataSource.query(alone, [1])).toEqual([{ id: 1, a: 'a' }]);
      expect(await first(inTransaction)).toEqual([{ id: 1, a: 'a' }]);
    }
    expect(await prepared(dataSource)).toHaveLength(2);
    await other.query(`ALTER TABLE ${SCHEMA}.shape ADD COLUMN b text NOT NULL DEFAULT 'b'`);
    // Postgres refuses each prepared statement once (0A000); the connection then runs the text unnamed.
    await expect(dataSource.query(alone, [1])).rejects.toThrow(/cached plan must not change result type/);
    await expect(first(inTransaction)).rejects.toThrow(/cached plan must not change result type/);
    for (let round = 0; round < 2; round++) {
      expect(await dataSource.query(alone, [1])).toEqual([{ id: 1, a: 'a', b: 'b' }]);
      expect(await first(inTransaction)).toEqual([{ id: 1, a: 'a', b: 'b' }]);
    }
  });
});

describe('a prepared statement on a connection', () => {
  it('is described by Postgres once; later answers are read with the shape it gave', async () => {
    const client = new (preparingClient(10))({ connectionString: url });
    await client.connect();
    try {
      let described = 0;
      (client as unknown as { connection: NodeJS.EventEmitter }).connection.on('rowDescription', () => {
        described += 1;
      });
      const text = `SELECT $1::int AS n, ARRAY['a', $2::text] AS tags, $3::timestamptz AS at, NULL::text AS none /* ${randomUUID()} */`;
      const at = new Date('2026-01-02T03:04:05.678Z');
      const run = async (n: number) => (await client.query(text, [n, `t${n}`, at])).rows;
      // Unnamed the first time, then parsed and described under its name; after that only bound and executed.
      for (const n of [1, 2, 3, 4, 5])
        expect(await run(n)).toEqual([{ n, tags: ['a', `t${n}`], at, none: null }]);
      expect(described).toBe(2);
      const [first, second] = await Promise.all([run(6), run(7)]); // pipelined on the one connection
      expect([first, second]).toEqual([
        [{ n: 6, tags: ['a', 't6'], at, none: null }],
        [{ n: 7, tags: ['a', 't7'], at, none: null }],
      ]);
      expect(described).toBe(2);
      // Each row its own object: a caller changing one leaves the next answer as Postgres sent it.
      (first[0] as { n: number }).n = 99;
      expect(await run(8)).toEqual([{ n: 8, tags: ['a', 't8'], at, none: null }]);
    } finally {
      await client.end();
    }
  });
});
