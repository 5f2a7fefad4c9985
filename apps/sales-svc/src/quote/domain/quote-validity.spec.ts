import { isQuoteExpired, quoteValidUntil } from './quote-validity';

describe('quote validity', () => {
  const issued = new Date('2026-03-01T15:30:00Z'); // 23:30 on 1 March in Shanghai

  it('runs 30 days from the Shanghai date of issue', () => {
    expect(quoteValidUntil(issued)).toBe('2026-03-31');
  });

  it('is still valid on its last day and expired the day after (Shanghai time)', () => {
    expect(isQuoteExpired('2026-03-31', new Date('2026-03-31T15:59:00Z'))).toBe(false);
    expect(isQuoteExpired('2026-03-31', new Date('2026-03-31T16:00:00Z'))).toBe(true);
  });
});
