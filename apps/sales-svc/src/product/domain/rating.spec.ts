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

describe('payment mode against the rate row', () => {
  const ul: RateTable = {
    ...protection,
    basis: 'sum_insured_per_1000_premium',
    occupationLoadingsBp: { '1': 0 },
    modalFactorsBp: { single: 10_000, annual: 10_000 },
    rows: [
      { entryAge: 30, gender: 'male', paymentTermYears: 1, ratePer1000Fen: 105_000 },
      { entryAge: 30, gender: 'male', paymentTermYears: 10, ratePer1000Fen: 1_050_000 },
    ],
  };
  const ulCell = { ...cell, occupationClass: 1 };

  it('refuses a single premium against the 10-year-pay row, which would sell ten times the cover', () => {
    expect(
      rate(ul, { ...ulCell, paymentMode: 'single', paymentTermYears: 10 }, { premiumFen: 10_000_000 }),
    ).toMatchObject({ ok: false, code: 'RATING.SINGLE_PREMIUM_TERM' });
  });

  it('rates a single premium on the single-pay row and an annual one on the 10-year row', () => {
    const single = rate(
      ul,
      { ...ulCell, paymentMode: 'single', paymentTermYears: 1 },
      { premiumFen: 10_000_000 },
    );
    const annual = rate(
      ul,
      { ...ulCell, paymentMode: 'annual', paymentTermYears: 10 },
      { premiumFen: 1_000_000 },
    );
    expect(single).toMatchObject({ ok: true, rating: { sumInsuredFen: 10_500_000 } });
    expect(annual).toMatchObject({ ok: true, rating: { sumInsuredFen: 10_500_000 } });
  });
});

describe('rating both ways is exact to the fen for rates that are not round numbers', () => {
  // Savings rates such as 23,517.38 yuan of sum insured per 1,000 of premium, and odd protection rates.
  const cases: [RateTable['basis'], number, 1 | 10 | 100][] = [
    ['sum_insured_per_1000_premium', 2_351_738, 1],
    ['sum_insured_per_1000_premium', 1_234_567, 10],
    ['premium_per_1000_sum_insured', 1_733, 1],
    ['premium_per_1000_sum_insured', 9_871, 100],
  ];
  it.each(cases)('%s at %d fen per 1,000, rounding unit %d fen', (basis, ratePer1000Fen, unitFen) => {
    const table: RateTable = {
      ...protection,
      basis,
      rounding: { mode: 'half_up', unitFen },
      sumInsuredUnitFen: 1,
      occupationLoadingsBp: { '3': 1500 },
      rows: [{ entryAge: 30, gender: 'male', paymentTermYears: 20, ratePer1000Fen }],
    };
    for (const premiumFen of [100_000, 1_234_567, 5_000_001, 99_999_999]) {
      const fromPremium = rate(table, cell, { premiumFen });
      if (!fromPremium.ok) throw new Error(fromPremium.message);
      const { sumInsuredFen, annualPremiumFen } = fromPremium.rating;
      // Never dearer than asked, and the same sum insured rated forwards gives the same premium.
      expect(annualPremiumFen).toBeLessThanOrEqual(premiumFen);
      // ... and buys what the premium buys by the product's rule for this direction (rounded down), less at most
      // the sum insured of one rounding unit of premium where rounding the premium up had to be undone.
      const exactSumInsured =
        basis === 'premium_per_1000_sum_insured'
          ? (premiumFen * 100_000) / (ratePer1000Fen * 1.15)
          : (premiumFen * ratePer1000Fen) / (100_000 * 1.15);
      expect(sumInsuredFen).toBeLessThanOrEqual(Math.floor(exactSumInsured + 1e-6));
      expect(exactSumInsured - sumInsuredFen).toBeLessThanOrEqual(
        (unitFen * exactSumInsured) / premiumFen + 1,
      );
      expect(rate(table, cell, { sumInsuredFen })).toMatchObject({ ok: true, rating: { annualPremiumFen } });
      // The premium is the product's rounding of the exact value: within half a unit of it.
      const exact =
        basis === 'premium_per_1000_sum_insured'
          ? (sumInsuredFen * ratePer1000Fen * 1.15) / 100_000
          : (sumInsuredFen * 100_000 * 1.15) / ratePer1000Fen;
      expect(Math.abs(annualPremiumFen - exact)).toBeLessThanOrEqual(unitFen / 2 + 1e-6);
      expect(annualPremiumFen % unitFen).toBe(0);
    }
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
