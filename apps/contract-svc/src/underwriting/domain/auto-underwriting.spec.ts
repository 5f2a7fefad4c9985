import { underwrite, type UnderwritingInput } from './auto-underwriting';

const healthy: UnderwritingInput = {
  productType: 'term_life',
  isLife: true,
  entryAge: { min: 18, max: 60 },
  acceptedOccupationClasses: [1, 2, 3, 4],
  maxSumInsuredIncomeMultiple: 10,
  insuredAge: 35,
  occupationClass: 2,
  sumInsuredFen: 50_000_000,
  annualIncomeFen: 20_000_000,
  bmi: 22.5,
  declaredConditions: [],
  identityVerified: true,
};
const decide = (change: Partial<UnderwritingInput>) => underwrite({ ...healthy, ...change });
const codes = (change: Partial<UnderwritingInput>) => decide(change).reasons.map((r) => r.code);

describe('automatic underwriting', () => {
  it('accepts a healthy, verified applicant inside every limit', () => {
    expect(decide({})).toEqual({ decision: 'accept', loadingPercent: null, exclusions: [], reasons: [] });
  });

  it('declines an entry age outside the product', () => {
    expect(decide({ insuredAge: 61 })).toMatchObject({
      decision: 'decline',
      reasons: [{ code: 'UW.ENTRY_AGE' }],
    });
  });

  it('declines an occupation class the product does not accept, refers classes 5-6 on illness cover', () => {
    expect(decide({ occupationClass: 6 }).decision).toBe('decline');
    expect(decide({ acceptedOccupationClasses: [1, 2, 3, 4, 5, 6], occupationClass: 5 })).toMatchObject({
      decision: 'refer',
      reasons: [{ code: 'UW.HAZARDOUS_OCCUPATION' }],
    });
    expect(
      decide({
        productType: 'accident',
        isLife: false,
        acceptedOccupationClasses: [1, 2, 3, 4, 5],
        occupationClass: 5,
      }).decision,
    ).toBe('accept');
  });

  it('refers a sum insured above the income multiple, and any life sum above 2 million yuan', () => {
    expect(codes({ sumInsuredFen: 200_000_001, annualIncomeFen: 20_000_000 })).toEqual([
      'UW.FINANCIAL',
      'UW.LARGE_SUM',
    ]);
    expect(codes({ sumInsuredFen: 200_000_000, annualIncomeFen: 20_000_000 })).toEqual([]);
  });

  it('refers an unverified identity', () => {
    expect(decide({ identityVerified: false })).toMatchObject({
      decision: 'refer',
      reasons: [{ code: 'UW.IDENTITY_UNVERIFIED' }],
    });
  });

  it.each([
    [null, 'refer', 'UW.BMI_MISSING'],
    [16.9, 'refer', 'UW.BMI'],
    [28, 'accept', undefined],
    [28.1, 'accept_with_loading', 'UW.BMI_LOADING'],
    [32.5, 'refer', 'UW.BMI'],
    [35.1, 'decline', 'UW.BMI'],
  ])('BMI %s: %s', (bmi, decision, code) => {
    const outcome = decide({ bmi });
    expect(outcome.decision).toBe(decision);
    expect(outcome.reasons.map((r) => r.code)).toEqual(code ? [code] : []);
  });

  it('asks accident cover for no BMI or health history', () => {
    expect(
      decide({ productType: 'accident', isLife: false, bmi: null, declaredConditions: ['cancer'] }).decision,
    ).toBe('accept');
  });

  it('loads hypertension on life cover and excludes it on medical cover', () => {
    expect(decide({ declaredConditions: ['hypertension'] })).toMatchObject({
      decision: 'accept_with_loading',
      loadingPercent: 50,
    });
    expect(
      decide({ productType: 'medical', isLife: false, declaredConditions: ['hypertension'] }),
    ).toMatchObject({
      decision: 'accept_with_exclusion',
      exclusions: ['hypertension and its complications'],
    });
  });

  it('adds loadings together and keeps exclusions beside them', () => {
    expect(
      decide({ productType: 'medical', isLife: false, bmi: 30, declaredConditions: ['heart_disease'] }),
    ).toMatchObject({
      decision: 'accept_with_loading',
      loadingPercent: 25,
      exclusions: ['cardiovascular disease and its complications'],
    });
    expect(decide({ bmi: 30, declaredConditions: ['hypertension'] }).loadingPercent).toBe(75);
  });

  it('declines cancer and refers diabetes and past hospital stays; a decline outranks a referral', () => {
    expect(decide({ declaredConditions: ['cancer'] })).toMatchObject({
      decision: 'decline',
      reasons: [{ code: 'UW.CANCER' }],
    });
    expect(decide({ declaredConditions: ['diabetes'] }).decision).toBe('refer');
    expect(decide({ declaredConditions: ['hospitalised_5y'] }).decision).toBe('refer');
    expect(decide({ declaredConditions: ['diabetes', 'cancer'] })).toMatchObject({
      decision: 'decline',
      reasons: [{ code: 'UW.CANCER' }],
    });
  });
});

describe('automatic underwriting at each boundary, with the words of each reason', () => {
  const reasons = (change: Partial<UnderwritingInput>) =>
    decide(change).reasons.map((r) => `${r.code}: ${r.message}`);

  it('takes the entry ages as inclusive', () => {
    expect(decide({ insuredAge: 18 }).decision).toBe('accept');
    expect(decide({ insuredAge: 60 }).decision).toBe('accept');
    expect(reasons({ insuredAge: 17 })).toEqual(['UW.ENTRY_AGE: entry age 17 is outside 18-60']);
    expect(reasons({ insuredAge: 61 })).toEqual(['UW.ENTRY_AGE: entry age 61 is outside 18-60']);
  });

  it('reads the BMI bands at their edges: 17 and 28 accepted, 32 loaded, 35 referred, above 35 declined', () => {
    expect(decide({ bmi: 17 }).decision).toBe('accept');
    expect(decide({ bmi: 28 }).decision).toBe('accept');
    expect(decide({ bmi: 32 })).toMatchObject({ decision: 'accept_with_loading', loadingPercent: 25 });
    expect(reasons({ bmi: 32 })).toEqual(['UW.BMI_LOADING: BMI 32 is above 28: +25% premium']);
    expect(reasons({ bmi: 16.9 })).toEqual(['UW.BMI: BMI 16.9 is outside 17-32']);
    expect(decide({ bmi: 35 }).decision).toBe('refer');
    expect(reasons({ bmi: 35 })).toEqual(['UW.BMI: BMI 35 is outside 17-32']);
    expect(reasons({ bmi: 35.1 })).toEqual(['UW.BMI: BMI 35.1 is above 35']);
    expect(reasons({ bmi: null })).toEqual(['UW.BMI_MISSING: height and weight are needed for this cover']);
  });

  it('explains identity, occupation, income and large-sum referrals in words', () => {
    expect(reasons({ identityVerified: false })).toEqual([
      'UW.IDENTITY_UNVERIFIED: the identity was not confirmed before the contract',
    ]);
    expect(reasons({ occupationClass: 6 })).toEqual([
      'UW.OCCUPATION: occupation class 6 is not insurable on this product',
    ]);
    expect(reasons({ acceptedOccupationClasses: [1, 2, 3, 4, 5], occupationClass: 5 })).toEqual([
      'UW.HAZARDOUS_OCCUPATION: occupation class 5 needs review',
    ]);
    // Exactly 10 times the income is inside the limit; a fen more is not.
    expect(decide({ sumInsuredFen: 200_000_000 }).decision).toBe('accept');
    expect(reasons({ sumInsuredFen: 200_000_001, annualIncomeFen: 20_000_000 })).toEqual([
      'UW.FINANCIAL: sum insured is above 10 times the declared income',
      'UW.LARGE_SUM: sums insured above 2 million yuan need medical evidence',
    ]);
    expect(reasons({ maxSumInsuredIncomeMultiple: undefined, sumInsuredFen: 150_000_000 })).toEqual([]);
    expect(reasons({ isLife: false, sumInsuredFen: 300_000_000, annualIncomeFen: 40_000_000 })).toEqual([]);
  });
});
