import { findNulCharacters } from './nul-guard';

describe('findNulCharacters', () => {
  it('points at every field of the body, the query and the path that holds a NUL', () => {
    expect(
      findNulCharacters({
        body: { subject: 'ok', notes: ['fine', 'bad\u0000'], nested: { 'a/b': 'x\u0000y' } },
        query: { assignee: '\u0000' },
        params: { id: 'abc' },
      }),
    ).toEqual([
      {
        pointer: '/notes/1',
        message: 'must not contain a NUL character',
        rule: 'REQUEST.NUL_CHARACTER',
        params: { in: 'value' },
      },
      {
        pointer: '/nested/a~1b',
        message: 'must not contain a NUL character',
        rule: 'REQUEST.NUL_CHARACTER',
        params: { in: 'value' },
      },
      {
        pointer: '/query/assignee',
        message: 'must not contain a NUL character',
        rule: 'REQUEST.NUL_CHARACTER',
        params: { in: 'value' },
      },
    ]);
  });

  it('finds nothing in clean input, numbers or an absent body, and points at a whole-string body as /', () => {
    expect(findNulCharacters({ body: { n: 1, ok: true, none: null }, query: {}, params: {} })).toEqual([]);
    expect(findNulCharacters({})).toEqual([]);
    expect(findNulCharacters({ body: 'csv\u0000' })).toEqual([
      {
        pointer: '/',
        message: 'must not contain a NUL character',
        rule: 'REQUEST.NUL_CHARACTER',
        params: { in: 'value' },
      },
    ]);
  });
});
