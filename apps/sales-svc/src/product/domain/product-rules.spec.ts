import { checkProductTerms, type ProductTerms } from './product-rules';

const term: ProductTerms = {
  type: 'term_life',
  isLife: true,
  entryAge: { min: 18, max: 60 },
  occupationClasses: [1, 2, 3],
  coverageTermsYears: [20],
  paymentTermsYears: [10, 20],
  paymentModes: ['annual', 'monthly'],
  coolingOffDays: 15,
  dualRecordingRequired: false,
  rating: {
    occupationLoadingsBp: { '1': 0, '2': 0, '3': 1500 },
    modalFactorsBp: { annual: 10_000, monthly: 900 },
  },
};
const rules = (p: Partial<ProductTerms>) => checkProductTerms({ ...term, ...p }).map((x) => x.rule);

describe('product version rules', () => {
  it('accepts a consistent product', () => {
    expect(rules({})).toEqual([]);
  });

  it('needs at least 15 cooling-off days for life and health cover over a year, but not for one-year cover', () => {
    expect(rules({ coolingOffDays: 10 })).toEqual(['PRODUCT.COOLING_OFF']);
    expect(
      rules({
        type: 'medical',
        isLife: false,
        coolingOffDays: 0,
        coverageTermsYears: [1],
        paymentTermsYears: [1],
      }),
    ).toEqual([]);
    expect(rules({ type: 'critical_illness', isLife: false, coolingOffDays: 14 })).toEqual([
      'PRODUCT.COOLING_OFF',
    ]);
  });

  it('requires recording for unit-linked products', () => {
    expect(rules({ type: 'unit_linked', dualRecordingRequired: false })).toEqual(['PRODUCT.DUAL_RECORDING']);
  });

  it('requires loadings and modal factors for every class and mode sold, and sensible terms', () => {
    expect(rules({ occupationClasses: [1, 4] })).toEqual(['PRODUCT.OCCUPATION_LOADING']);
    expect(rules({ paymentModes: ['annual', 'quarterly'] })).toEqual(['PRODUCT.MODAL_FACTOR']);
    expect(rules({ paymentTermsYears: [30] })).toEqual(['PRODUCT.PAYMENT_TERM']);
    expect(rules({ entryAge: { min: 70, max: 60 } })).toEqual(['PRODUCT.ENTRY_AGE']);
  });
});
