import { effectiveSumInsuredFen, loanBalance, policyYearOn } from './product-terms';

describe('the sum insured that grows each policy year', () => {
  const growth = { compoundPercent: 3 };

  it('is the basic sum insured in year 1, x1.03 in year 2 and x1.03^9 in year 10, to the fen', () => {
    expect(effectiveSumInsuredFen(10_000_000, growth, 1)).toBe(10_000_000);
    expect(effectiveSumInsuredFen(10_000_000, growth, 2)).toBe(10_300_000);
    // 100,000 x 1.03^9 = 130,477.32 yuan (1.304773182...).
    expect(effectiveSumInsuredFen(10_000_000, growth, 10)).toBe(13_047_732);
  });

  it('rounds half up once, from the exact value, not year by year', () => {
    // 33.33 yuan x 1.03^2 = 35.3598... -> 35.36; rounding each year would give 34.33 -> 35.36 too, so use 1.015:
    // 1 fen x 1.5%: 1.015 -> 1 fen; 101 fen x 1.015^2 = 104.05... -> 104.
    expect(effectiveSumInsuredFen(101, { compoundPercent: 1.5 }, 3)).toBe(104);
    expect(effectiveSumInsuredFen(3_333, growth, 3)).toBe(3_536);
  });

  it('does not grow without growth terms', () => {
    expect(effectiveSumInsuredFen(10_000_000, undefined, 10)).toBe(10_000_000);
  });

  it('counts policy years from the effective date: the anniversary starts the next', () => {
    expect(policyYearOn('2026-03-02', '2027-03-01')).toBe(1);
    expect(policyYearOn('2026-03-02', '2027-03-02')).toBe(2);
    expect(policyYearOn('2024-02-29', '2025-02-28')).toBe(2);
    expect(policyYearOn('2026-03-02', '2035-03-02')).toBe(10);
  });
});

describe('a policy loan’s balance', () => {
  it('accrues simple interest by the day: 10,000 yuan at 5% for 181 days is 247.95 yuan', () => {
    // 1,000,000 fen x 5% x 181 / 365 = 24,794.52 fen -> 24,795.
    expect(loanBalance(1_000_000, 5, 6, '2026-01-01', '2026-07-01')).toMatchObject({
      principalFen: 1_024_795,
      interestFen: 0,
      periodStart: '2026-07-01',
    });
    expect(loanBalance(1_000_000, 5, 6, '2026-01-01', '2026-06-30')).toMatchObject({
      principalFen: 1_000_000,
      interestFen: 24_658,
      totalFen: 1_024_658,
    });
  });

  it('rolls over unpaid at the end of each period, the interest joining the principal', () => {
    const year = loanBalance(1_000_000, 5, 6, '2026-01-01', '2027-01-01');
    // Second period: 1,024,795 x 5% x 184 / 365 = 25,830.09 -> 25,830.
    expect(year).toMatchObject({ principalFen: 1_050_625, interestFen: 0, periodStart: '2027-01-01' });
  });
});
