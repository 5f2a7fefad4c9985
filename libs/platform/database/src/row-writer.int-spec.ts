import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { testEnvironment } from '@insurer/platform-testing';
import { bigintAsNumber } from './data-source';
import { RowWriter } from './row-writer';
import { sendStatementsAhead } from './statements-ahead';

const SCHEMA = 'row_writer_test';

/** One column of every kind the services' entities use, transformers included. */
@Entity({ name: 'sample', schema: SCHEMA })
class SampleEntity {
  @PrimaryColumn('uuid', { name: 'sample_id' }) sampleId!: string;
  @Column('text', { unique: true }) label!: string;
  @Column('integer', { name: 'small_count' }) smallCount!: number;
  @Column('bigint', { name: 'amount_fen', transformer: bigintAsNumber }) amountFen!: number;
  @Column('numeric', { name: 'rate', nullable: true }) rate!: string | null;
  @Column('boolean') flag!: boolean;
  @Column('date', { name: 'due_on' }) dueOn!: string;
  @Column('date', { name: 'ended_on', nullable: true }) endedOn!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') detail!: { nested: { list: number[] } };
  @Column('jsonb', { nullable: true }) extra!: Record<string, string> | null;
  @Column('bytea', { nullable: true }) blob!: Buffer | null;
}

const sample = (label: string, over: Partial<SampleEntity> = {}): SampleEntity => ({
  sampleId: randomUUID(),
  label,
  smallCount: 7,
  amountFen: 9_007_199_254_740,
  rate: '12.50',
  flag: true,
  dueOn: '2028-02-29',
  endedOn: null,
  createdAt: new Date('2026-12-01T16:30:00.123Z'),
  tags: ['a', 'b c', 'd"e'],
  detail: { nested: { list: [1, 2, 3] } },
  extra: { any: '引号"和\\反斜杠' },
  blob: Buffer.from([0, 1, 254, 255]),
  ...over,
});

describe('RowWriter', () => {
  let dataSource: DataSource;
  let writer: RowWriter<SampleEntity>;
  /** Every statement the data source sent, as TypeORM logs it. */
  const statements: string[] = [];
  const read = (sampleId: string) => dataSource.manager.findOne(SampleEntity, { where: { sampleId } });

  beforeAll(async () => {
    const env = testEnvironment();
    const admin = await new DataSource({ type: 'postgres', url: env.databaseUrl }).initialize();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.query(`CREATE SCHEMA ${SCHEMA}`);
    await admin.query(
      `CREATE TABLE ${SCHEMA}.sample (sample_id uuid PRIMARY KEY, label text NOT NULL UNIQUE,
         small_count integer NOT NULL, amount_fen bigint NOT NULL, rate numeric, flag boolean NOT NULL,
         due_on date NOT NULL, ended_on date, created_at timestamptz NOT NULL, tags text[] NOT NULL,
         detail jsonb NOT NULL, extra jsonb, blob bytea)`,
    );
    await admin.destroy();
    dataSource = await new DataSource({
      type: 'postgres',
      url: env.databaseUrl,
      entities: [SampleEntity],
      logging: ['query'],
      logger: {
        logQuery: (query) => statements.push(query),
        logQueryError: () => undefined,
        logQuerySlow: () => undefined,
        logSchemaBuild: () => undefined,
        logMigration: () => undefined,
        log: () => undefined,
      },
    }).initialize();
    writer = new RowWriter(dataSource, SampleEntity);
  });

  afterAll(() => dataSource.destroy());

  it('writes rows that read back as TypeORM’s own insert writes them, every column kind and nulls included', async () => {
    const ours = [
      sample('w-1'),
      sample('w-2', { rate: null, flag: false, endedOn: '2026-12-31', tags: [], blob: null }),
    ];
    const theirs = ours.map((r, i) => ({ ...r, sampleId: randomUUID(), label: `t-${i}` }));
    expect(await writer.write(dataSource.manager, ours)).toHaveLength(2);
    await dataSource.manager.insert(SampleEntity, theirs);
    for (let i = 0; i < ours.length; i += 1) {
      const [a, b] = [await read(ours[i].sampleId), await read(theirs[i].sampleId)];
      expect(a).toEqual({ ...b, sampleId: ours[i].sampleId, label: ours[i].label });
      expect(a).toEqual(ours[i]);
    }
  });

  it('writes a lone surrogate as TypeORM’s insert does (the replacement character)', async () => {
    const ours = sample('lone-ours\ud800', { tags: ['a\udc00b'] });
    const theirs = sample('lone-theirs\ud800', { tags: ['a\udc00b'] });
    await writer.write(dataSource.manager, [ours]);
    await dataSource.manager.insert(SampleEntity, theirs);
    const [a, b] = [await read(ours.sampleId), await read(theirs.sampleId)];
    expect(a).toMatchObject({ label: 'lone-ours\ufffd', tags: ['a\ufffdb'] });
    expect(a).toEqual({ ...b, sampleId: ours.sampleId, label: 'lone-ours\ufffd' });
  });

  it('writes any number of rows with one statement text, which a connection can prepare once', async () => {
    const inserts = () => statements.filter((s) => s.startsWith('INSERT INTO "row_writer_test"'));
    const before = inserts().length;
    await writer.write(dataSource.manager, [sample('n-1')]);
    await writer.write(dataSource.manager, [sample('n-2'), sample('n-3'), sample('n-4')]);
    await writer.write(dataSource.manager, [sample('n-5'), sample('n-6')], 'ignore');
    await writer.write(dataSource.manager, [sample('n-7')], 'ignore');
    const texts = inserts().slice(before);
    expect(texts).toHaveLength(4);
    expect(new Set(texts).size).toBe(2);
    expect(texts[0]).toBe(texts[1]);
    expect(texts[2]).toBe(texts[3]);
  });

  it('with ignore keeps existing rows, by any unique key, and answers the rows it wrote', async () => {
    const existing = sample('i-existing', { smallCount: 1 });
    await writer.write(dataSource.manager, [existing]);
    const again = { ...existing, smallCount: 2 };
    const sameLabel = sample('i-existing', { smallCount: 3 });
    const fresh = sample('i-fresh');
    const written = await writer.write(dataSource.manager, [again, sameLabel, fresh], 'ignore');
    expect(written).toEqual([fresh]);
    expect((await read(existing.sampleId))?.smallCount).toBe(1);
    expect(await read(sameLabel.sampleId)).toBeNull();
    expect(await read(fresh.sampleId)).toEqual(fresh);
  });

  it('answers a row as written whatever the case of its uuid', async () => {
    const upper = sample('i-upper', { sampleId: randomUUID().toUpperCase() });
    expect(await writer.write(dataSource.manager, [upper], 'ignore')).toEqual([upper]);
  });

  it('with update overwrites by primary key, a key given twice written once with its last row', async () => {
    const first = sample('u-1', { smallCount: 1 });
    await writer.write(dataSource.manager, [first]);
    const changed = { ...first, smallCount: 5, extra: null };
    const last = { ...first, smallCount: 6, tags: ['z'] };
    expect(await writer.write(dataSource.manager, [changed, last], 'update')).toEqual([last]);
    expect(await read(first.sampleId)).toEqual(last);
  });

  it('leaves a column the rows do not give as it is on update, as TypeORM’s upsert does', async () => {
    const first = sample('u-partial', { extra: { kept: 'yes' } });
    await writer.write(dataSource.manager, [first]);
    const { extra: _left, ...partial } = { ...first, smallCount: 9 };
    await writer.write(dataSource.manager, [partial as SampleEntity], 'update');
    expect(await read(first.sampleId)).toEqual({ ...first, smallCount: 9 });
  });

  it('keeps the statements of each set of columns apart, one writer writing them in turn', async () => {
    const first = sample('u-sets', { extra: { kept: 'yes' } });
    await writer.write(dataSource.manager, [first]);
    const { extra: _left, ...partial } = first;
    await writer.write(dataSource.manager, [{ ...partial, smallCount: 9 } as SampleEntity], 'update');
    expect(await read(first.sampleId)).toEqual({ ...first, smallCount: 9 });
    await writer.write(dataSource.manager, [{ ...first, smallCount: 10, extra: { now: 'set' } }], 'update');
    await writer.write(dataSource.manager, [{ ...partial, smallCount: 11 } as SampleEntity], 'update');
    expect(await read(first.sampleId)).toEqual({ ...first, smallCount: 11, extra: { now: 'set' } });
  });

  it('fails a plain write on an existing row and writes none of the run, in the caller’s transaction', async () => {
    const existing = sample('f-existing');
    await writer.write(dataSource.manager, [existing]);
    const fresh = sample('f-fresh');
    await expect(
      dataSource.transaction((m) => writer.write(m, [fresh, { ...existing, label: 'f-other' }])),
    ).rejects.toThrow(/duplicate key/);
    expect(await read(fresh.sampleId)).toBeNull();
  });

  it('writes a loaded row back as TypeORM’s save does, every column it gives, other rows untouched', async () => {
    const [ours, theirs, other] = [sample('s-ours'), sample('s-theirs'), sample('s-other')];
    await writer.write(dataSource.manager, [ours, theirs, other]);
    const change = (row: SampleEntity) =>
      Object.assign(row, { smallCount: 11, rate: null, tags: ['x'], detail: { nested: { list: [] } } });
    await dataSource.transaction(async (m) => {
      const loaded = await m.findOneOrFail(SampleEntity, { where: { sampleId: ours.sampleId } });
      await writer.update(m, change(loaded));
      const saved = await m.findOneOrFail(SampleEntity, { where: { sampleId: theirs.sampleId } });
      await m.save(change(saved));
    });
    const [a, b] = [await read(ours.sampleId), await read(theirs.sampleId)];
    expect(a).toEqual({ ...b, sampleId: ours.sampleId, label: ours.label });
    expect(a?.smallCount).toBe(11);
    expect(await read(other.sampleId)).toEqual(other);
  });

  it('with statements sent ahead, holds plain and update writes for the next statement and fails the transaction with them', async () => {
    const ahead = new DataSource({
      type: 'postgres',
      url: testEnvironment().databaseUrl,
      entities: [SampleEntity],
    });
    sendStatementsAhead(ahead);
    await ahead.initialize();
    try {
      const aheadWriter = new RowWriter(ahead, SampleEntity);
      const existing = sample('a-existing');
      const fresh = sample('a-fresh');
      const seen = await ahead.transaction(async (m) => {
        await aheadWriter.write(m, [existing]);
        await aheadWriter.update(m, { ...existing, smallCount: 3 });
        return m.findOneOrFail(SampleEntity, { where: { sampleId: existing.sampleId } });
      });
      expect(seen.smallCount).toBe(3);
      await expect(
        ahead.transaction(async (m) => {
          await aheadWriter.write(m, [fresh]);
          await aheadWriter.write(m, [{ ...existing, sampleId: randomUUID() }]);
        }),
      ).rejects.toThrow(/duplicate key.*in a write sent ahead/);
      expect(await read(fresh.sampleId)).toBeNull();
      expect(await read(existing.sampleId)).toEqual({ ...existing, smallCount: 3 });
    } finally {
      await ahead.destroy();
    }
  });

  it('makes a new entity as EntityManager.create does: its columns given, nothing else', async () => {
    const plain = { ...sample('entity'), rate: undefined, notAColumn: 'dropped' };
    const made = writer.entity(plain);
    expect(made).toBeInstanceOf(SampleEntity);
    expect(made).toEqual(dataSource.manager.create(SampleEntity, plain));
    expect(Object.keys(made).sort()).toEqual(
      Object.keys(dataSource.manager.create(SampleEntity, plain)).sort(),
    );
    expect(made).not.toHaveProperty('notAColumn');
    expect(made.rate).toBeUndefined();
    expect(made.detail).toBe(plain.detail);
  });

  it('writes nothing for no rows', async () => {
    expect(await writer.write(dataSource.manager, [], 'update')).toEqual([]);
  });
});
