import {
  checkOfferedTerms,
  knownPolicyholder,
  rateableCustomer,
  refusalFor,
  suitabilityAssessed,
  type CustomerFacts,
} from './sale';
import { SaleRefusedError } from './sale.errors';

const facts: CustomerFacts = {
  customerId: 'c-1',
  birthDate: '1996-03-02',
  gender: 'male',
  occupationClass: 2,
  riskLevel: 'C3',
  riskValidUntil: '2027-01-01',
  annualIncomeFen: 30_000_000,
  householdIncomeFen: null,
  existingCoverFen: null,
  erased: false,
};
const offered = {
  type: 'term_life',
  riskGrade: 'R1' as const,
  maxSumInsuredIncomeMultiple: 10,
  entryAge: { min: 18, max: 30 },
  occupationClasses: [1, 2],
  coverageTermsYears: [20],
  paymentTermsYears: [10, 20],
  paymentModes: ['annual'],
};
const terms = {
  customerId: 'c-1',
  productCode: 'TL20',
  salespersonId: 's-1',
  paymentMode: 'annual',
  paymentTermYears: 20,
  coverageTermYears: 20,
};

describe('what every sale establishes', () => {
  it('needs a known customer with the facts rating needs', () => {
    expect(rateableCustomer(facts)).toBe(facts);
    expect(() => rateableCustomer(null)).toThrow(expect.objectContaining({ code: 'SALES.CUSTOMER_UNKNOWN' }));
    expect(() => rateableCustomer({ ...facts, erased: true })).toThrow(
      expect.objectContaining({ code: 'SALES.CUSTOMER_UNKNOWN' }),
    );
    try {
      rateableCustomer({ ...facts, gender: null, occupationClass: null });
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(SaleRefusedError);
      expect((err as SaleRefusedError).errors.map((e) => e.message)).toEqual([
        'gender is unknown; collect it for quotation',
        'occupationClass is unknown; collect it for quotation',
      ]);
    }
  });

  it('a company (registered by its credit code) may pay but neither buy personal cover nor be insured', () => {
    const company = {
      ...facts,
      customerType: 'corporate',
      birthDate: null,
      gender: null,
      occupationClass: null,
    };
    expect(() => rateableCustomer(company, '/insuredId')).toThrow(
      expect.objectContaining({ code: 'SALES.CORPORATE_PARTY' }),
    );
    expect(() => knownPolicyholder(company)).toThrow(
      expect.objectContaining({ code: 'SALES.CORPORATE_PARTY' }),
    );
    expect(knownPolicyholder(facts)).toBe(facts);
  });

  it('takes the entry age in completed years on the effective date, up to the last day of the band', () => {
    const customer = rateableCustomer(facts);
    expect(checkOfferedTerms(offered, customer, terms, '2026-03-01')).toBe(29);
    expect(checkOfferedTerms(offered, customer, terms, '2026-03-02')).toBe(30);
    expect(() => checkOfferedTerms(offered, customer, terms, '2027-03-02')).toThrow(/entry age 31/);
  });

  it('refuses every term the product does not offer at once, each on its field', () => {
    try {
      checkOfferedTerms(
        offered,
        rateableCustomer({ ...facts, occupationClass: 4 }),
        { ...terms, coverageTermYears: 30, paymentTermYears: 5, paymentMode: 'monthly' },
        '2026-03-02',
      );
      throw new Error('not refused');
    } catch (err) {
      expect((err as SaleRefusedError).errors.map((e) => e.rule)).toEqual([
        'PRODUCT.OCCUPATION_CLASS',
        'PRODUCT.COVERAGE_TERM',
        'PRODUCT.PAYMENT_TERM',
        'PRODUCT.PAYMENT_MODE',
      ]);
    }
  });

  it('stops a mismatch and an advise-to-stop, and lets the other outcomes through', () => {
    const finding = { code: 'X', message: 'x' };
    expect(refusalFor({ outcome: 'mismatch', hard: [finding], soft: [] } as never)?.code).toBe(
      'SALES.SUITABILITY_MISMATCH',
    );
    expect(refusalFor({ outcome: 'advise_stop', hard: [], soft: [finding] } as never)?.code).toBe(
      'SALES.ADVISE_STOP',
    );
    expect(refusalFor({ outcome: 'suitable', hard: [], soft: [] } as never)).toBeNull();
    expect(refusalFor({ outcome: 'acknowledged', hard: [], soft: [finding] } as never)).toBeNull();
  });

  it('announces the assessment with every reason, whatever its outcome', () => {
    const at = new Date('2026-03-02T02:00:00Z');
    const payload = suitabilityAssessed(
      'a-1',
      facts,
      { productCode: 'TL20', riskGrade: 'R1' },
      {
        outcome: 'mismatch',
        hard: [{ code: 'H', message: 'h' }],
        soft: [{ code: 'S', message: 's' }],
      } as never,
      's-1',
      at,
    );
    expect(payload).toMatchObject({
      assessmentId: 'a-1',
      customerRiskLevel: 'C3',
      productRiskGrade: 'R1',
      outcome: 'mismatch',
      reasons: [{ code: 'H' }, { code: 'S' }],
    });
  });
});
