import { isInfrastructureError } from './infrastructure-error';

describe('isInfrastructureError', () => {
  it.each([
    [{ code: '08006', message: 'connection failure' }],
    [{ code: '57P01', message: 'terminating connection due to administrator command' }],
    [{ code: '53300', message: 'too many connections' }],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [new Error('Connection terminated unexpectedly')],
    // node-postgres' pool, when no connection came free within its connectionTimeoutMillis.
    [new Error('timeout exceeded when trying to connect')],
  ])('treats %o as an outage, not a bad message', (err) => {
    expect(isInfrastructureError(err)).toBe(true);
  });

  it.each([
    [new Error('attempt 4 failed')],
    [{ code: '23505', message: 'duplicate key value violates unique constraint' }],
    [{ code: '22P02', message: 'invalid input syntax for type uuid' }],
    [null],
  ])('treats %o as a failure of the message or the handler', (err) => {
    expect(isInfrastructureError(err)).toBe(false);
  });
});
