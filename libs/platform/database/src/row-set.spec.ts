import { rowSet, rowSetInsert } from './row-set';

const COLUMNS = [{ name: 'id' }, { name: 'detail', json: true }];

describe('rowSet', () => {
  it('reads the rows back as the table’s row type, in a statement whose text does not depend on their number', () => {
    const one = rowSet('"s"."t"', COLUMNS, [['a', '{"k":1}']]);
    const three = rowSet('"s"."t"', COLUMNS, [
      ['a', '{"k":1}'],
      ['b', '[]'],
      ['c', null],
    ]);
    expect(one.select).toBe(`SELECT "id", "detail" FROM json_populate_recordset(NULL::"s"."t", $1)`);
    expect(three.select).toBe(one.select);
    expect(rowSet('"s"."t"', COLUMNS, [], 3).select).toBe(
      `SELECT "id", "detail" FROM json_populate_recordset(NULL::"s"."t", $3)`,
    );
    expect(JSON.parse(three.json.toString())).toEqual([
      { id: 'a', detail: { k: 1 } },
      { id: 'b', detail: [] },
      { id: 'c', detail: null },
    ]);
  });

  it('gives each value the text node-postgres would send for it as a parameter', () => {
    const columns = ['text', 'number', 'flag', 'date', 'list', 'bytes', 'none', 'object'].map((name) => ({
      name,
    }));
    const at = new Date('2026-12-05T01:02:03.004Z');
    const { json } = rowSet('t', columns, [
      [
        '引号"和\\反斜杠',
        9_007_199_254_740,
        false,
        at,
        ['a', 'b c', null],
        Buffer.from([0, 255]),
        undefined,
        { a: 1 },
      ],
    ]);
    const [row] = JSON.parse(json.toString()) as Record<string, unknown>[];
    expect(row).toEqual({
      text: '引号"和\\反斜杠',
      number: '9007199254740',
      flag: 'false',
      date: expect.any(String),
      list: '{"a","b c",NULL}',
      bytes: '\\x00ff',
      none: null,
      object: '{"a":1}',
    });
    // node-postgres writes a date in the process's time zone with its offset: the same instant.
    expect(new Date(row.date as string).getTime()).toBe(at.getTime());
  });

  it('sends a lone surrogate as the replacement character, as a UTF-8 text parameter carries it', () => {
    const { json } = rowSet('t', [{ name: 'text' }], [['a\ud800b']]);
    expect(JSON.parse(json.toString())).toEqual([{ text: 'a\ufffdb' }]);
  });

  it('is an empty array for no rows', () => {
    expect(rowSet('t', COLUMNS, []).json.toString()).toBe('[]');
  });

  it('inserts into the row set’s own columns, in its order', () => {
    const { sql, json } = rowSetInsert('"s"."t"', COLUMNS, [['a', '{}']], 2);
    expect(sql).toBe(
      `INSERT INTO "s"."t" ("id", "detail") SELECT "id", "detail" FROM json_populate_recordset(NULL::"s"."t", $2)`,
    );
    expect(json).toEqual(rowSet('"s"."t"', COLUMNS, [['a', '{}']]).json);
  });

  it('is exactly the UTF-8 bytes of the rows, however many and whatever their characters', () => {
    const texts = Array.from({ length: 500 }, (_, i) => `${'保单'.repeat(i % 7)}x${'é'.repeat(i % 3)}😀${i}`);
    const { json } = rowSet(
      't',
      COLUMNS,
      texts.map((text, i) => [text, JSON.stringify({ i, text })]),
    );
    const expected = texts.map((text, i) => ({ id: text, detail: { i, text } }));
    expect(JSON.parse(json.toString('utf8'))).toEqual(expected);
    expect(json.length).toBe(Buffer.byteLength(JSON.stringify(expected)));
  });
});
