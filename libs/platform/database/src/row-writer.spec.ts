import { DataSource } from 'typeorm';
import { UNCHANGED_BY_DRIVER } from './row-writer';

/** TypeORM's own preparation of a value for a column of a type, as RowWriter would otherwise call it. */
type Prepare = (value: unknown, column: object) => unknown;

describe('RowWriter: the column types whose values skip the driver', () => {
  // The driver exists before the data source connects; nothing here reaches Postgres.
  const driver = new DataSource({ type: 'postgres' }).driver as unknown as {
    preparePersistentValue: Prepare;
  };
  const prepared = (type: unknown, value: unknown, isArray = false) =>
    driver.preparePersistentValue(value, { type, isArray, transformer: undefined });
  const values: unknown[] = [
    'text',
    '',
    '9007199254740993',
    '12.50',
    0,
    -7,
    9_007_199_254_740,
    true,
    false,
    null,
    undefined,
    Buffer.from([0, 1, 255]),
    ['a', 'b c'],
  ];

  it.each([...UNCHANGED_BY_DRIVER])('the driver gives a %s value back as it is', (type) => {
    for (const value of values) {
      expect(prepared(type, value)).toBe(value);
      expect(prepared(type, value, true)).toBe(value);
    }
  });

  it('the types it does change are not on the list', () => {
    const changed = [
      ['date', new Date('2026-12-05T00:00:00Z')],
      ['timestamptz', '2026-12-05T08:00:00+08:00'],
      ['jsonb', { a: 1 }],
      ['json', [1, 2]],
      ['time', new Date('2026-12-05T08:00:00Z')],
    ] as const;
    for (const [type, value] of changed) {
      expect(prepared(type, value)).not.toBe(value);
      expect(UNCHANGED_BY_DRIVER.has(type)).toBe(false);
    }
  });
});
