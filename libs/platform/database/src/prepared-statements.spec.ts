import { preparable } from './prepared-statements';

describe('which statements a connection may prepare', () => {
  it('any statement with parameters', () => {
    expect(preparable('SELECT $1::int', [1])).toBe(true);
    expect(preparable('UPDATE t SET a = 1; UPDATE t SET b = $1', [2])).toBe(true);
  });

  it('one statement without parameters, but not transaction control or COPY', () => {
    expect(preparable('SELECT hash FROM audit_tip FOR UPDATE', undefined)).toBe(true);
    expect(preparable('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', [])).toBe(true);
    for (const text of [
      'BEGIN',
      'START TRANSACTION',
      'COMMIT',
      'ROLLBACK',
      'SAVEPOINT typeorm_1',
      'RELEASE SAVEPOINT typeorm_1',
    ])
      expect(preparable(text, undefined)).toBe(false);
    expect(preparable('  copy t FROM STDIN', [])).toBe(false);
  });

  it('not a text that may hold several statements', () => {
    expect(preparable('SELECT 1; SELECT 2', undefined)).toBe(false);
    // A semicolon inside a literal keeps the simple protocol too: a cost, not a fault.
    expect(preparable(`SELECT ';' AS s`, [])).toBe(false);
  });
});
