import { valuesList } from './values-list';

describe('valuesList', () => {
  it('numbers the parameters row by row', () => {
    expect(
      valuesList([
        ['a', 1],
        ['b', null],
      ]),
    ).toEqual({ sql: '($1, $2), ($3, $4)', params: ['a', 1, 'b', null] });
  });

  it('is empty for no rows', () => {
    expect(valuesList([])).toEqual({ sql: '', params: [] });
  });
});
