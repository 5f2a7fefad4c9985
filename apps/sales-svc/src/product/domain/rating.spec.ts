import { cashValueFen, rate, type RateTable } from './rating';
import { divideAndRound } from './rounding';

const protection: RateTable = {
  basis: 'premium_per_1000_sum_insured',
  rounding: { mode: 'half_up', unitFen: 1 },
  sumInsuredUnitFen: 100_000,
  occupationLoadingsBp: { '1': 0, '2': 0, '3': 1500 },
  modalFactorsBp: { annual: 10_000, monthly: 900 },
  rows: [{ entryAge: 30, gender: 'male', paymentTermYears: 20, ratePer1000Fen: 185 }],
};
const cell = {
  entryAge: 30,
  gender: 'male' as const,
  paymentTermYears: 20,
  paymentMode: 'annual' as const,
  occupationClass: 3,
};

describe('rounding', () => {
  it.each([
    [25n, 10n, 'half_up', 3n],
    [25n, 10n, 'half_even', 2n],
    [35n, 10n, 'half_even', 4n],
    [29n, 10n, 'down', 2n],
    [21n, 10n, 'up', 3n],
    [20n, 10n, 'up', 2n],
  ] as const)('%d / %d rounds %s to %d', (n, d, mode, expected) => {
    expect(divideAndRound(n, d, 1n, mode)).toBe(expected);
  });

  it('rounds to a multiple of the unit', () => {
    expect(divideAndRound(106_375n, 1n, 100n, 'half_up')).toBe(106_400n);
  });
});

describe('rating from the sum insured (premium per 1,000 of sum insured)', () => {
  it('computes the worked example: 500,000 yuan at 1.85 per 1,000 with a 15% class-3 loading is 1,063.75 yuan', () => {
    // 500 x 1.85 = 925 yuan; x 1.15 = 1,063.75 yuan = 106,375 fen.
    const result = rate(protection, cell, { sumInsuredFen: 50_000_000 });
    expect(result).toEqual({
      ok: true,
      rating: {
        sumInsuredFen: 50_000_000,
        annualPremiumFen: 106_375,
        premiumFen: 106_375,
        ratePer1000Fen: 185,
        occupationLoadingBp: 1500,
        modalFactorBp: 10_000,
      },
    });
  });

  it('rounds a monthly instalment from the annual premium: 1,063.75 x 0.09 = 95.7375 -> 95.74 yuan', () => {
    const result = rate(protection, { ...cell, paymentMode: 'monthly' }, { sumInsuredFen: 50_000_000 });
    expect(result.ok && result.rating.premiumFen).toBe(9_574);
  });

  it("applies the product's rounding unit: to the yuan, 1,063.75 becomes 1,064 and the instalment 96", () => {
    const yuan = { ...protection, rounding: { mode: 'half_up' as const, unitFen: 100 as const } };
    const annual = rate(yuan, cell, { sumInsuredFen: 50_000_000 });
    const monthly = rate(yuan, { ...cell, paymentMode: 'monthly' }, { sumInsuredFen: 50_000_000 });
    expect(annual.ok && annual.rating.annualPremiumFen).toBe(106_400);
    expect(monthly.ok && monthly.rating.premiumFen).toBe(9_600);
  });
});

describe('rating from the premium', () => {
  it('finds the sum insured the premium buys, down to the 1,000-yuan step, and never charges more than asked', () => {
    // 1,100 yuan / (1.85 x 1.15 per 1,000) = 517,038 yuan -> 517,000 yuan; its premium is 1,099.9175 -> 1,099.92 yuan.
    const result = rate(protection, cell, { premiumFen: 110_000 });
    expect(result).toMatchObject({ ok: true, rating: { sumInsuredFen: 51_700_000, premiumFen: 109_992 } });
  });

  it('round-trips an exact premium to the same sum insured', () => {
    const result = rate(protection, cell, { premiumFen: 106_375 });
    expect(result).toMatchObject({ ok: true, rating: { sumInsuredFen: 50_000_000, premiumFen: 106_375 } });
  });
});

describe('rating a savings product (sum insured per 1,000 of premium, 基本保险金额表)', () => {
  const savings: RateTable = {
    ...protection,
    basis: 'sum_insured_per_1000_premium',
    occupationLoadingsBp: { '1': 0 },
    rows: [{ entryAge: 30, gender: 'male', paymentTermYears: 20, ratePer1000Fen: 2_350_000 }],
  };
  const savingsCell = { ...cell, occupationClass: 1 };

  it('gives 235,000 yuan of sum insured for 10,000 yuan a year at 23,500 per 1,000', () => {
    expect(rate(savings, savingsCell, { premiumFen: 1_000_000 })).toMatchObject({
      ok: true,
      rating: { sumInsuredFen: 23_500_000, premiumFen: 1_000_000 },
    });
  });

  it('prices 200,000 yuan of sum insured at 200,000 / 23.5 = 8,510.6383 -> 8,510.64 yuan', () => {
    expect(rate(savings, savingsCell, { sumInsuredFen: 20_000_000 })).toMatchObject({
      ok: true,
      rating: { annualPremiumFen: 851_064 },
    });
  });
});

describe('cells the table does not rate', () => {
  it.each([
    [{ entryAge: 31 }, 'RATING.NO_RATE'],
    [{ occupationClass: 5 }, 'RATING.OCCUPATION_CLASS'],
    [{ paymentMode: 'quarterly' as const }, 'RATING.PAYMENT_MODE'],
  ])('refuses %o', (change, code) => {
    expect(rate(protection, { ...cell, ...change }, { sumInsuredFen: 10_000_000 })).toMatchObject({
      ok: false,
      code,
    });
  });
});

describe('cash values', () => {
  it('scales the per-1,000 value of the policy year to the sum insured', () => {
    expect(cashValueFen([0, 1200, 3100], 2, 50_000_000)).toBe(600_000);
    expect(cashValueFen([0, 1200, 3100], 9, 50_000_000)).toBe(1_550_000);
    expect(cashValueFen([0, 1200, 3100], 0, 50_000_000)).toBe(0);
  });
});
