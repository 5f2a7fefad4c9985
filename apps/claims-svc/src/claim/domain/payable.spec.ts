import { deductibleAbsorbed, payableAmount, type PayableInput } from './payable';

const hospital: PayableInput = {
  claimType: 'hospitalisation',
  amountClaimedFen: 3_000_000, // 30,000 yuan bill
  sumInsuredFen: 200_000_000,
  coverage: {
    sumInsuredPercent: 100,
    deductibleFen: 1_000_000,
    coPaymentPercent: 10,
    annualLimitFen: 200_000_000,
  },
  paidThisYearFen: 0,
  paidLifetimeFen: 0,
  deductibleUsedFen: 0,
};

describe('the payable amount', () => {
  it('takes the deductible then the co-payment off a hospital bill: (30,000 - 10,000) x 90% = 18,000 yuan', () => {
    const result = payableAmount(hospital);
    expect(result.payableFen).toBe(1_800_000);
    expect(result.steps.map((s) => [s.step, s.amountFen])).toEqual([
      ['claimed', 3_000_000],
      ['after remaining deductible', 2_000_000],
      ['after co-payment', 1_800_000],
      ['within the coverage sum insured', 1_800_000],
      ['within the annual limit', 1_800_000],
    ]);
  });

  it('applies only the deductible not yet used this year', () => {
    expect(payableAmount({ ...hospital, deductibleUsedFen: 600_000 }).payableFen).toBe(
      Math.floor((3_000_000 - 400_000) * 0.9),
    );
    expect(deductibleAbsorbed({ ...hospital, deductibleUsedFen: 600_000 })).toBe(400_000);
  });

  it('stops at what is left of the annual limit after earlier payments', () => {
    expect(payableAmount({ ...hospital, paidThisYearFen: 199_000_000 }).payableFen).toBe(1_000_000);
  });

  it('pays a death benefit up to the coverage share of the sum insured, less earlier payments', () => {
    const death: PayableInput = {
      claimType: 'death',
      amountClaimedFen: 50_000_000,
      sumInsuredFen: 50_000_000,
      coverage: { sumInsuredPercent: 100, deductibleFen: 0, coPaymentPercent: 0 },
      paidThisYearFen: 0,
      paidLifetimeFen: 10_000_000,
      deductibleUsedFen: 0,
    };
    expect(payableAmount(death).payableFen).toBe(40_000_000);
  });

  it('respects a lifetime limit', () => {
    const capped = { ...hospital, coverage: { ...hospital.coverage, lifetimeLimitFen: 1_000_000 } };
    expect(payableAmount(capped).payableFen).toBe(1_000_000);
  });
});
