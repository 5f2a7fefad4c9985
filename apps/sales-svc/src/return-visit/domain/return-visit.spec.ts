import { returnVisitDueOn, visitSucceeded } from './return-visit';

describe('return visits', () => {
  it('are due the day before the cooling-off period ends', () => {
    expect(returnVisitDueOn('2026-03-17', '2026-03-01')).toBe('2026-03-16');
  });

  it('fall on the last day when the period is a single day', () => {
    expect(returnVisitDueOn('2026-03-02', '2026-03-02')).toBe('2026-03-02');
  });

  it('succeed only when the customer was reached, identified and understood the terms', () => {
    const ok = { reached: true, identityConfirmed: true, termsUnderstood: true, wantsToWithdraw: false };
    expect(visitSucceeded(ok)).toBe(true);
    expect(visitSucceeded({ ...ok, termsUnderstood: false })).toBe(false);
    expect(visitSucceeded({ ...ok, reached: false })).toBe(false);
  });
});
