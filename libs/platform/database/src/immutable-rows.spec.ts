import type { EntityManager } from 'typeorm';
import { ImmutableRows } from './immutable-rows';
import type { PrimaryKeyReader } from './primary-key-reader';

interface Version {
  code: string;
  version: number;
  status: 'draft' | 'published';
}

/** A table in memory behind the reader's one method the cache calls, counting the reads. */
function tableOf(rows: Version[]) {
  const reads: unknown[][] = [];
  let failNext = false;
  const reader = {
    async findIn(_m: EntityManager, ...key: unknown[]) {
      reads.push(key);
      if (failNext) {
        failNext = false;
        throw new Error('connection reset');
      }
      return rows.find((r) => r.code === key[0] && r.version === key[1]) ?? null;
    },
  } as unknown as PrimaryKeyReader<Version>;
  return { reader, reads, rows, failOnce: () => (failNext = true) };
}

const m = {} as EntityManager;
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('ImmutableRows', () => {
  it('reads a row once per key, also when asked for it twice at once', async () => {
    const table = tableOf([
      { code: 'TL20', version: 1, status: 'published' },
      { code: 'TL20', version: 2, status: 'published' },
    ]);
    const rows = new ImmutableRows(table.reader);
    const [a, b] = await Promise.all([rows.get(m, 'TL20', 1), rows.get(m, 'TL20', 1)]);
    expect(a).toBe(b);
    expect(await rows.get(m, 'TL20', 1)).toMatchObject({ version: 1 });
    expect(await rows.get(m, 'TL20', 2)).toMatchObject({ version: 2 });
    expect(table.reads).toEqual([
      ['TL20', 1],
      ['TL20', 2],
    ]);
  });

  it('reads again a row that was missing, one whose read failed, and one it was told not to keep', async () => {
    const table = tableOf([{ code: 'MED1', version: 1, status: 'draft' }]);
    const rows = new ImmutableRows(table.reader, (r) => r.status === 'published');
    expect(await rows.get(m, 'CI30', 1)).toBeNull();
    await settled();
    table.rows.push({ code: 'CI30', version: 1, status: 'published' });
    expect(await rows.get(m, 'CI30', 1)).toMatchObject({ code: 'CI30' });

    table.failOnce();
    await expect(rows.get(m, 'PA1', 1)).rejects.toThrow('connection reset');
    await settled();
    table.rows.push({ code: 'PA1', version: 1, status: 'published' });
    expect(await rows.get(m, 'PA1', 1)).toMatchObject({ code: 'PA1' });

    expect(await rows.get(m, 'MED1', 1)).toMatchObject({ status: 'draft' });
    await settled();
    table.rows[0].status = 'published';
    expect(await rows.get(m, 'MED1', 1)).toMatchObject({ status: 'published' });
    await rows.get(m, 'MED1', 1);

    expect(table.reads.filter(([code]) => code === 'CI30')).toHaveLength(2);
    expect(table.reads.filter(([code]) => code === 'PA1')).toHaveLength(2);
    expect(table.reads.filter(([code]) => code === 'MED1')).toHaveLength(2);
  });

  it('keeps keys apart however their parts would join', async () => {
    const table = tableOf([
      { code: 'A1', version: 1, status: 'published' },
      { code: 'A', version: 11, status: 'published' },
    ]);
    const rows = new ImmutableRows(table.reader);
    expect(await rows.get(m, 'A1', 1)).toMatchObject({ code: 'A1' });
    expect(await rows.get(m, 'A', 11)).toMatchObject({ code: 'A' });
  });
});
