import { BEGIN, namedAfter } from './held-statement';

describe('namedAfter', () => {
  it('names the held write a failure surfaced on, its text on one line and cut at 120 characters', () => {
    const text = `INSERT INTO claims.outbox (id, topic,\n     payload)   VALUES ($1, $2, $3) ${'-- padding '.repeat(20)}`;
    const error = namedAfter(new Error('duplicate key value'), { text, values: [1, 'x', '{}'] });
    const named = text.replace(/\s+/g, ' ').slice(0, 120);
    expect(error.message).toBe(`duplicate key value (in a write sent ahead: ${named})`);
    expect(named).toHaveLength(120);
  });

  it('leaves a failure on BEGIN as the driver worded it, for the statement held and for the copy that went out', () => {
    const held = namedAfter(new Error('Connection terminated unexpectedly'), BEGIN);
    const sent = namedAfter(new Error('Connection terminated unexpectedly'), { text: 'BEGIN', values: [] });
    expect(held.message).toBe('Connection terminated unexpectedly');
    expect(sent.message).toBe('Connection terminated unexpectedly');
  });
});
