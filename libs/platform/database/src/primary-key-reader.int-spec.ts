import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, In, PrimaryColumn } from 'typeorm';
import { scratchSchema, testEnvironment } from '@insurer/platform-testing';
import { bigintAsNumber } from './data-source';
import { ColumnReader, PrimaryKeyReader } from './primary-key-reader';

const SCHEMA = 'pk_reader_test';

/** One column of every kind the services' entities use, transformers included. */
@Entity({ name: 'sample', schema: SCHEMA })
class SampleEntity {
  @PrimaryColumn('uuid', { name: 'sample_id' }) sampleId!: string;
  @Column('text') label!: string;
  @Column('integer', { name: 'small_count' }) smallCount!: number;
  @Column('bigint', { name: 'amount_fen', transformer: bigintAsNumber }) amountFen!: number;
  @Column('bigint', { name: 'raw_big' }) rawBig!: string;
  @Column('numeric', { name: 'rate', nullable: true }) rate!: string | null;
  @Column('boolean') flag!: boolean;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') detail!: { nested: { list: number[] } };
  @Column('jsonb', { nullable: true }) extra!: Record<string, string> | null;
  @Column('bytea') sealed!: Buffer;
}

/** A key of two columns, like the claims service's product replica (code and version). */
@Entity({ name: 'versioned', schema: SCHEMA })
class VersionedEntity {
  @PrimaryColumn('text', { name: 'code' }) code!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') definition!: { name: string };
}

let dataSource: DataSource;
let dropSchema: () => Promise<void>;

beforeAll(async () => {
  dataSource = await new DataSource({
    type: 'postgres',
    url: testEnvironment().databaseUrl,
    entities: [SampleEntity, VersionedEntity],
  }).initialize();
  dropSchema = await scratchSchema(dataSource, SCHEMA, [
    `sample (sample_id uuid PRIMARY KEY, label text NOT NULL, small_count integer NOT NULL,
       amount_fen bigint NOT NULL, raw_big bigint NOT NULL, rate numeric, flag boolean NOT NULL, due_on date NOT NULL,
       ended_on date, created_at timestamptz NOT NULL, tags text[] NOT NULL, detail jsonb NOT NULL, extra jsonb,
       sealed bytea NOT NULL)`,
    'versioned (code text NOT NULL, version integer NOT NULL, definition jsonb NOT NULL, PRIMARY KEY (code, version))',
  ]);
});

afterAll(async () => {
  await dropSchema?.();
  await dataSource?.destroy();
});

describe('PrimaryKeyReader', () => {
  it('returns exactly the entity findOne returns, for every column kind, nulls included', async () => {
    const rows: SampleEntity[] = [
      {
        sampleId: randomUUID(),
        label: 'filled',
        smallCount: 7,
        amountFen: 9_007_199_254_740,
        rawBig: '9223372036854775807',
        rate: '12.50',
        flag: true,
        dueOn: '2028-02-29',
        endedOn: '2026-12-31',
        createdAt: new Date('2026-12-01T16:30:00.123Z'),
        tags: ['a', 'b c'],
        detail: { nested: { list: [1, 2, 3] } },
        extra: { any: 'thing' },
        sealed: Buffer.from([0, 1, 254, 255]),
      },
      {
        sampleId: randomUUID(),
        label: 'sparse',
        smallCount: 0,
        amountFen: 0,
        rawBig: '0',
        rate: null,
        flag: false,
        dueOn: '2026-01-01',
        endedOn: null,
        createdAt: new Date('2026-01-01T00:00:00.000Z'),
        tags: [],
        detail: { nested: { list: [] } },
        extra: null,
        sealed: Buffer.alloc(0),
      },
    ];
    await dataSource.manager.insert(SampleEntity, rows);
    const reader = new PrimaryKeyReader(dataSource, SampleEntity);
    for (const { sampleId } of rows) {
      const expected = await dataSource.manager.findOne(SampleEntity, { where: { sampleId } });
      const read = await reader.find(sampleId);
      expect(read).toBeInstanceOf(SampleEntity);
      expect(read).toEqual(expected);
    }
    expect((await reader.find(rows[0].sampleId))?.amountFen).toBe(9_007_199_254_740);
  });

  it('returns null for a key that is not there', async () => {
    expect(await new PrimaryKeyReader(dataSource, SampleEntity).find(randomUUID())).toBeNull();
  });

  it('reads by a key of several columns, given in the order the entity declares them', async () => {
    await dataSource.manager.insert(VersionedEntity, [
      { code: 'MED1', version: 1, definition: { name: 'first' } },
      { code: 'MED1', version: 2, definition: { name: 'second' } },
    ]);
    const reader = new PrimaryKeyReader(dataSource, VersionedEntity);
    expect(await reader.find('MED1', 2)).toEqual({
      code: 'MED1',
      version: 2,
      definition: { name: 'second' },
    });
    expect(await reader.find('MED1', 3)).toBeNull();
    await expect(reader.find('MED1')).rejects.toThrow('a key has 2 values, not 1');
  });

  it('locks the row it reads for update until the transaction ends', async () => {
    const reader = new PrimaryKeyReader(dataSource, VersionedEntity);
    await dataSource.manager.insert(VersionedEntity, {
      code: 'LOCK',
      version: 1,
      definition: { name: 'held' },
    });
    await dataSource.transaction(async (m) => {
      expect((await reader.findForUpdateIn(m, 'LOCK', 1))?.definition).toEqual({ name: 'held' });
      // Another session cannot take the row while this transaction holds it.
      const other = await dataSource.createQueryRunner();
      try {
        await other.connect();
        await expect(
          other.query(`SELECT 1 FROM ${SCHEMA}.versioned WHERE code = 'LOCK' FOR UPDATE NOWAIT`),
        ).rejects.toThrow(/could not obtain lock/);
      } finally {
        await other.release();
      }
    });
    const free = await dataSource.query(
      `SELECT 1 FROM ${SCHEMA}.versioned WHERE code = 'LOCK' FOR UPDATE NOWAIT`,
    );
    expect(free).toHaveLength(1);
  });

  it('reads in the caller’s transaction: its own uncommitted row, which the pool does not see', async () => {
    const reader = new PrimaryKeyReader(dataSource, VersionedEntity);
    await dataSource.transaction(async (m) => {
      await m.insert(VersionedEntity, { code: 'TL20', version: 1, definition: { name: 'pending' } });
      expect((await reader.findIn(m, 'TL20', 1))?.definition).toEqual({ name: 'pending' });
      expect(await reader.find('TL20', 1)).toBeNull();
    });
  });
});

describe('ColumnReader', () => {
  /** A row of SampleEntity with these values, the rest filled. */
  const sample = (label: string, sealed: Buffer, smallCount = 1): SampleEntity => ({
    sampleId: randomUUID(),
    label,
    smallCount,
    amountFen: 1_000,
    rawBig: '1',
    rate: '0.5',
    flag: true,
    dueOn: '2026-12-07',
    endedOn: null,
    createdAt: new Date('2026-12-07T08:00:00.000Z'),
    tags: ['x'],
    detail: { nested: { list: [7] } },
    extra: null,
    sealed,
  });

  it('reads the row findOne finds by a column that is not the key (a bytea blind index)', async () => {
    const lookup = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
    await dataSource.manager.insert(SampleEntity, [
      sample('looked up', lookup),
      sample('other', Buffer.from([1])),
    ]);
    const reader = new ColumnReader(dataSource, SampleEntity, 'sealed');
    await dataSource.transaction(async (m) => {
      const read = await reader.findOneIn(m, lookup);
      expect(read).toBeInstanceOf(SampleEntity);
      expect(read).toEqual(await m.findOne(SampleEntity, { where: { sealed: lookup } }));
      expect(read?.label).toBe('looked up');
      expect(await reader.findOneIn(m, Buffer.from('absent'))).toBeNull();
    });
  });

  it('reads only the selected columns of every row whose value is in a list, as find with In does', async () => {
    const rows = [
      sample('one', Buffer.from([2]), 11),
      sample('two', Buffer.from([3]), 12),
      sample('three', Buffer.from([4]), 13),
    ];
    await dataSource.manager.insert(SampleEntity, rows);
    const reader = new ColumnReader(dataSource, SampleEntity, 'sampleId', ['sampleId', 'smallCount']);
    // Upper case, as a caller may hold an id: Postgres compares uuids, not their text.
    const wanted = [rows[0].sampleId.toUpperCase(), rows[2].sampleId, randomUUID()];
    const byId = (a: SampleEntity, b: SampleEntity) => a.sampleId.localeCompare(b.sampleId);
    await dataSource.transaction(async (m) => {
      const read = (await reader.findAllIn(m, wanted)).sort(byId);
      expect(read).toEqual(
        (
          await m.find(SampleEntity, {
            select: { sampleId: true, smallCount: true },
            where: { sampleId: In(wanted) },
          })
        ).sort(byId),
      );
      expect(read.map((r) => r.smallCount).sort()).toEqual([11, 13]);
      // Not selected, so not read.
      expect(read.map((r) => [r.label, r.detail])).toEqual([
        [undefined, undefined],
        [undefined, undefined],
      ]);
      expect(await reader.findAllIn(m, [])).toEqual([]);
    });
  });

  it('reads in the caller’s transaction and refuses a property the entity does not have', async () => {
    const reader = new ColumnReader(dataSource, VersionedEntity, 'code');
    await dataSource.transaction(async (m) => {
      await m.insert(VersionedEntity, { code: 'COL1', version: 1, definition: { name: 'pending' } });
      expect((await reader.findOneIn(m, 'COL1'))?.definition).toEqual({ name: 'pending' });
    });
    expect(() => new ColumnReader(dataSource, VersionedEntity, 'nope' as 'code')).toThrow(
      'VersionedEntity has no column nope',
    );
  });
});
