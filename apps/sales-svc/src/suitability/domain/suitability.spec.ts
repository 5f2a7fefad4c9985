import {
  assessSuitability,
  gradeFitsLevel,
  type ProductGrade,
  type RiskLevel,
  type SuitabilityInput,
} from './suitability';

const LEVELS: RiskLevel[] = ['C1', 'C2', 'C3', 'C4', 'C5'];
const GRADES: ProductGrade[] = ['R1', 'R2', 'R3', 'R4', 'R5'];

const base: SuitabilityInput = {
  product: { type: 'term_life', riskGrade: 'R1', maxSumInsuredIncomeMultiple: 10 },
  customer: {
    age: 35,
    riskLevel: 'C3',
    riskValidUntil: '2027-01-01',
    annualIncomeFen: 20_000_000,
    householdIncomeFen: 30_000_000,
    existingCoverFen: 0,
  },
  sale: { sumInsuredFen: 50_000_000, annualPremiumFen: 200_000, paymentMode: 'annual', paymentTermYears: 20 },
  similarPoliciesInForce: 0,
  acknowledged: false,
  today: '2026-06-01',
};

function withCustomer(c: Partial<SuitabilityInput['customer']>): SuitabilityInput {
  return { ...base, customer: { ...base.customer, ...c } };
}
function withSale(s: Partial<SuitabilityInput['sale']>): SuitabilityInput {
  return { ...base, sale: { ...base.sale, ...s } };
}

describe('the suitability matrix (every grade against every level)', () => {
  for (const level of LEVELS) {
    for (const grade of GRADES) {
      const fits = Number(grade[1]) <= Number(level[1]);
      it(`${grade} for a ${level} customer is ${fits ? 'suitable' : 'a mismatch'}`, () => {
        expect(gradeFitsLevel(grade, level)).toBe(fits);
        const result = assessSuitability({
          ...base,
          product: { ...base.product, riskGrade: grade },
          customer: { ...base.customer, riskLevel: level },
        });
        expect(result.outcome).toBe(fits ? 'suitable' : 'mismatch');
        const expected = {
          code: 'SUITABILITY.LEVEL',
          source: expect.stringContaining('NFRA Order 2025 No. 7'),
        };
        expect(result.hard).toEqual(fits ? [] : [expect.objectContaining(expected)]);
      });
    }
  }
});

describe('the assessment behind the level', () => {
  it('refuses without an assessment, and with one that expired before today', () => {
    expect(assessSuitability(withCustomer({ riskLevel: null, riskValidUntil: null })).hard[0].code).toBe(
      'SUITABILITY.NO_ASSESSMENT',
    );
    expect(assessSuitability(withCustomer({ riskValidUntil: '2026-05-31' })).hard[0].code).toBe(
      'SUITABILITY.ASSESSMENT_EXPIRED',
    );
    expect(assessSuitability(withCustomer({ riskValidUntil: '2026-06-01' })).outcome).toBe('suitable');
  });
});

describe('affordability (bank-channel declaration thresholds)', () => {
  it('advises to stop when the annual premium is over 20% of household income, at exactly 20% not', () => {
    expect(assessSuitability(withSale({ annualPremiumFen: 6_000_000 })).outcome).toBe('suitable');
    const over = assessSuitability(withSale({ annualPremiumFen: 6_000_001 }));
    expect(over.outcome).toBe('advise_stop');
    expect(over.soft[0].code).toBe('AFFORDABILITY.ANNUAL_PREMIUM');
  });

  it('advises to stop when a single premium is over 4 times household income', () => {
    expect(
      assessSuitability(
        withSale({ paymentMode: 'single', paymentTermYears: 1, annualPremiumFen: 120_000_000 }),
      ).outcome,
    ).toBe('suitable');
    expect(
      assessSuitability(
        withSale({ paymentMode: 'single', paymentTermYears: 1, annualPremiumFen: 120_000_001 }),
      ).soft[0].code,
    ).toBe('AFFORDABILITY.SINGLE_PREMIUM');
  });

  it('lets the buyer continue with a signed declaration', () => {
    expect(
      assessSuitability({ ...withSale({ annualPremiumFen: 9_000_000 }), acknowledged: true }).outcome,
    ).toBe('acknowledged');
  });

  it('needs the declaration on a variable-benefit product when age plus payment years reach 60', () => {
    const unitLinked = { ...base, product: { type: 'unit_linked', riskGrade: 'R3' as const } };
    expect(assessSuitability({ ...unitLinked, sale: { ...base.sale, paymentTermYears: 24 } }).outcome).toBe(
      'suitable',
    );
    const at60 = assessSuitability({ ...unitLinked, sale: { ...base.sale, paymentTermYears: 25 } });
    expect(at60).toMatchObject({ outcome: 'mismatch', soft: [{ code: 'AFFORDABILITY.AGE_PLUS_TERM' }] });
    expect(
      assessSuitability({ ...unitLinked, sale: { ...base.sale, paymentTermYears: 25 }, acknowledged: true })
        .outcome,
    ).toBe('acknowledged');
  });

  it('refuses when household income is unknown', () => {
    expect(assessSuitability(withCustomer({ householdIncomeFen: null })).hard[0].code).toBe(
      'SUITABILITY.MEANS_UNKNOWN',
    );
  });
});

describe('cover the customer already has', () => {
  it.each(['accident', 'critical_illness'])(
    'advises to stop a second %s policy, naming how many are in force',
    (type) => {
      const second = { ...base, product: { type, riskGrade: 'R1' as const }, similarPoliciesInForce: 2 };
      const result = assessSuitability(second);
      expect(result.outcome).toBe('advise_stop');
      expect(result.soft).toEqual([
        expect.objectContaining({
          code: 'SUITABILITY.DUPLICATE_COVER',
          message: expect.stringContaining('2 '),
        }),
      ]);
      expect(assessSuitability({ ...second, similarPoliciesInForce: 0 }).soft).toEqual([]);
    },
  );

  it('does not count existing life cover as a duplicate (the income multiple judges it)', () => {
    expect(
      assessSuitability({
        ...base,
        product: { type: 'term_life', riskGrade: 'R1' as const },
        similarPoliciesInForce: 3,
      }).soft,
    ).toEqual([]);
  });

  it('advises to stop a second medical policy', () => {
    const medical = {
      ...base,
      product: { type: 'medical', riskGrade: 'R1' as const },
      similarPoliciesInForce: 1,
    };
    expect(assessSuitability(medical)).toMatchObject({
      outcome: 'advise_stop',
      soft: [{ code: 'SUITABILITY.DUPLICATE_COVER' }],
    });
  });

  it('refuses cover beyond the income multiple, counting existing cover; no signature lifts it', () => {
    const over = withCustomer({ existingCoverFen: 160_000_000 });
    expect(assessSuitability({ ...over, acknowledged: true })).toMatchObject({
      outcome: 'mismatch',
      hard: [{ code: 'SUITABILITY.OVER_INSURED' }],
    });
    expect(assessSuitability(withCustomer({ existingCoverFen: 150_000_000 })).outcome).toBe('suitable');
  });
});
