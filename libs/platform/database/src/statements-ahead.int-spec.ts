import { DataSource } from 'typeorm';
import { scratchSchema, testEnvironment, waitFor } from '@insurer/platform-testing';
import { afterCommit, countRoundTrips, queueWrite, sendStatementsAhead } from './statements-ahead';

const SCHEMA = 'statements_ahead_test';

let dataSource: DataSource;
let other: DataSource;
let dropSchema: () => Promise<void>;
/** Round trips Postgres answered (one ReadyForQuery each), over every connection of the data source. */
let roundTrips = 0;

const rows = async (id: number) =>
  (await other.query(`SELECT note FROM ${SCHEMA}.t WHERE id = $1`, [id])) as { note: string }[];

beforeAll(async () => {
  const url = testEnvironment().databaseUrl;
  // Pipelined, as a service's connections are (`serviceDataSourceOptions`).
  dataSource = new DataSource({ type: 'postgres', url, extra: { max: 2, pipeline: true } });
  sendStatementsAhead(dataSource);
  await dataSource.initialize();
  countRoundTrips(dataSource, () => {
    roundTrips += 1;
  });
  other = await new DataSource({ type: 'postgres', url }).initialize();
  dropSchema = await scratchSchema(other, SCHEMA, ['t (id integer PRIMARY KEY, note text NOT NULL)']);
  await other.query(`CREATE SEQUENCE ${SCHEMA}.s`);
});

afterAll(async () => {
  await dropSchema?.();
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

  it('takes a first statement without parameters along with BEGIN too', async () => {
    const before = roundTrips;
    const locked = await dataSource.transaction((m) =>
      m.query(`SELECT note FROM ${SCHEMA}.t WHERE id = 7 FOR UPDATE`),
    );
    expect(locked).toEqual([]);
    // BEGIN with the select, then COMMIT.
    expect(roundTrips - before).toBe(2);
  });

  it('sends its own BEGIN before a first text of several statements, and nothing for a transaction that sends none', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(
          `INSERT INTO ${SCHEMA}.t (id, note) VALUES (5, 'five'); INSERT INTO ${SCHEMA}.t (id, note) VALUES (6, 'six')`,
        );
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect([...(await rows(5)), ...(await rows(6))]).toEqual([]);
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

describe('writes queued to go with the next statement', () => {
  const insert = `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`;

  it('ride with the next statement and with COMMIT, in order, seen by the statements after them', async () => {
    const before = roundTrips;
    const seen = await dataSource.transaction(async (m) => {
      await queueWrite(m, insert, [10, 'ten']);
      await queueWrite(m, `UPDATE ${SCHEMA}.t SET note = note || $2 WHERE id = $1`, [10, ' and more']);
      const inside = await m.query(`SELECT note FROM ${SCHEMA}.t WHERE id = $1`, [10]);
      await queueWrite(m, insert, [11, 'eleven']);
      // A write returning rows: they are not the next statement's.
      await queueWrite(m, `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2) RETURNING id`, [12, 'twelve']);
      return inside;
    });
    // BEGIN, two writes and the select in one round trip; two writes and COMMIT in another.
    expect(roundTrips - before).toBe(2);
    expect(seen).toEqual([{ note: 'ten and more' }]);
    expect([...(await rows(10)), ...(await rows(11)), ...(await rows(12))]).toEqual([
      { note: 'ten and more' },
      { note: 'eleven' },
      { note: 'twelve' },
    ]);
  });

  it('fail the statement they went with, naming the write, and nothing of the transaction stays', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(insert, [20, 'twenty']);
        await queueWrite(m, insert, [10, 'taken']);
        await queueWrite(m, insert, [21, 'never']);
      }),
    ).rejects.toThrow(/duplicate key.*in a write sent ahead: INSERT INTO statements_ahead_test\.t/);
    await expect(
      dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [22, 'first']);
        await queueWrite(m, insert, [22, 'again']);
        await m.query(`SELECT 1 AS one WHERE $1::int > 0`, [1]);
      }),
    ).rejects.toThrow(/duplicate key.*in a write sent ahead/);
    expect([...(await rows(20)), ...(await rows(21)), ...(await rows(22))]).toEqual([]);
    // Both connections of the pool come back clean.
    await Promise.all([23, 24].map((id) => dataSource.transaction((m) => queueWrite(m, insert, [id, 'ok']))));
    expect([...(await rows(23)), ...(await rows(24))]).toEqual([{ note: 'ok' }, { note: 'ok' }]);
  });

  it('are dropped unsent by a rollback, and run at once outside a transaction', async () => {
    const before = roundTrips;
    await expect(
      dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [30, 'dropped']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(roundTrips - before).toBe(0);
    expect(await rows(30)).toEqual([]);
    await queueWrite(dataSource.manager, insert, [31, 'at once']);
    expect(await rows(31)).toEqual([{ note: 'at once' }]);
  });

  it('go ahead of a statement without parameters in a round trip of their own, and keep to savepoints', async () => {
    await dataSource.transaction(async (m) => {
      await queueWrite(m, insert, [40, 'before']);
      await m.query(
        `UPDATE ${SCHEMA}.t SET note = 'changed'; UPDATE ${SCHEMA}.t SET note = note WHERE false`,
      );
      await m.transaction(async (inner) => {
        await queueWrite(inner, insert, [41, 'inner']);
      });
      await m
        .transaction(async (inner) => {
          await queueWrite(inner, insert, [42, 'rolled back to the savepoint']);
          await inner.query(insert, [41, 'taken']);
        })
        .catch(() => undefined);
    });
    expect([...(await rows(40)), ...(await rows(41)), ...(await rows(42))]).toEqual([
      { note: 'changed' },
      { note: 'inner' },
    ]);
  });
});

describe('statements issued together', () => {
  const insert = `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`;
  const read = `SELECT txid_current()::text AS tx, count(*)::int AS n FROM ${SCHEMA}.t WHERE id = ANY($1::int[])`;

  it('go out together behind what was held, each with its own answer, in one round trip', async () => {
    const before = roundTrips;
    const [mine, answers] = await dataSource.transaction(async (m) => {
      await queueWrite(m, insert, [60, 'sixty']);
      await queueWrite(m, insert, [61, 'sixty-one']);
      // BEGIN and both writes go with the first; none of the three may overtake them.
      const together = await Promise.all([
        m.query(read, [[60]]),
        m.query(read, [[61]]),
        m.query(read, [[60, 61, 62]]),
      ]);
      const [own] = await m.query(`SELECT txid_current()::text AS tx WHERE $1::int > 0`, [1]);
      return [own.tx as string, together.map(([row]) => row as { tx: string; n: number })];
    });
    expect(answers).toEqual([
      { tx: mine, n: 1 },
      { tx: mine, n: 1 },
      { tx: mine, n: 2 },
    ]);
    // The three reads with BEGIN and the writes, the last read, COMMIT: one at a time it would be five.
    expect(roundTrips - before).toBe(3);
    expect([...(await rows(60)), ...(await rows(61))]).toEqual([{ note: 'sixty' }, { note: 'sixty-one' }]);
  });

  it('run in the order they were issued, the first carrying what was held', async () => {
    const next = `SELECT nextval('${SCHEMA}.s')::int AS v WHERE $1::int > 0`;
    for (let i = 0; i < 3; i += 1) {
      const [drawn, seen] = await dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [70 + i, 'held']);
        const together = await Promise.all([
          m.query(next, [1]),
          m.query(next, [1]),
          m.query(read, [[70 + i]]),
          m.query(next, [1]),
        ]);
        return [[0, 1, 3].map((k) => together[k][0].v as number), together[2][0].n as number];
      });
      expect(drawn).toEqual([...drawn].sort((a, b) => a - b));
      expect(new Set(drawn).size).toBe(3);
      expect(seen).toBe(1);
    }
  });

  it('fail with the first that fails, roll back whole and leave the connection usable', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await queueWrite(m, insert, [63, 'never']);
        await Promise.all([
          m.query(read, [[63]]),
          m.query(`SELECT 1 / ($1::int - 1) AS boom`, [1]),
          m.query(read, [[63]]),
        ]);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await rows(63)).toEqual([]);
    const answers = await Promise.all(
      [64, 65].map((id) =>
        dataSource.transaction(async (m) => {
          await queueWrite(m, insert, [id, 'ok']);
          return Promise.all([m.query(read, [[id]]), m.query(read, [[id]])]);
        }),
      ),
    );
    expect(answers.flat(2).map((r: { n: number }) => r.n)).toEqual([1, 1, 1, 1]);
  });
});

describe('signals after the commit', () => {
  const insert = `INSERT INTO ${SCHEMA}.t (id, note) VALUES ($1, $2)`;

  it('run once the transaction has committed, when its writes are visible to others, and not before', async () => {
    const seen: { note: string }[][] = [];
    let calledInside = false;
    await dataSource.transaction(async (m) => {
      await queueWrite(m, insert, [50, 'fifty']);
      expect(afterCommit(m, () => void rows(50).then((r) => seen.push(r)))).toBe(true);
      // Registered, not run: the write has not even reached Postgres yet.
      expect(afterCommit(m, () => (calledInside = true))).toBe(true);
      expect(calledInside).toBe(false);
    });
    expect(calledInside).toBe(true);
    await waitFor(async () => seen.length === 1, { description: 'the signal reading the row' });
    expect(seen[0]).toEqual([{ note: 'fifty' }]);
  });

  it('are dropped when the transaction rolls back or its COMMIT fails, and refused outside a transaction', async () => {
    let signals = 0;
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(insert, [51, 'fifty-one']);
        afterCommit(m, () => (signals += 1));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // The duplicate key fails the COMMIT it was queued with.
    await expect(
      dataSource.transaction(async (m) => {
        afterCommit(m, () => (signals += 1));
        await queueWrite(m, insert, [50, 'taken']);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(signals).toBe(0);
    expect(afterCommit(dataSource.manager, () => (signals += 1))).toBe(false);
    // The next transaction on the same connections starts with none of those left over.
    await dataSource.transaction(async (m) => {
      await queueWrite(m, insert, [52, 'fifty-two']);
      afterCommit(m, () => (signals += 1));
    });
    expect(signals).toBe(1);
  });

  it('are refused on a data source that does not send statements ahead: the caller signals another way', async () => {
    await other.transaction(async (m) => {
      expect(afterCommit(m, () => undefined)).toBe(false);
    });
  });
});
