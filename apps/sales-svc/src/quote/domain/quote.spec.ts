import type { RateTable } from '../../product/domain/rating';
import { SaleRefusedError } from '../../suitability/domain/sale.errors';
import { issueQuote, price, type QuoteRequest } from './quote';

const table: RateTable = {
  basis: 'premium_per_1000_sum_insured',
  rounding: { mode: 'half_up', unitFen: 1 },
  sumInsuredUnitFen: 100_000,
  occupationLoadingsBp: { '1': 0, '3': 1500 },
  modalFactorsBp: { annual: 10_000 },
  rows: [{ entryAge: 30, gender: 'male', paymentTermYears: 20, ratePer1000Fen: 185 }],
};
const insured = { entryAge: 30, gender: 'male' as const, occupationClass: 3 };
const request: QuoteRequest = {
  customerId: 'c-1',
  productCode: 'TL20',
  sumInsuredFen: 50_000_000,
  paymentMode: 'annual',
  paymentTermYears: 20,
  coverageTermYears: 20,
  salespersonId: 's-1',
  channel: 'agent',
};
const NOW = new Date('2026-03-02T02:00:00Z');

describe('the quote', () => {
  it('prices the sum insured with the occupation loading', () => {
    expect(price(table, insured, request, { min: 1_000_000, max: 500_000_000 })).toMatchObject({
      sumInsuredFen: 50_000_000,
      premiumFen: 106_375,
    });
  });

  it('refuses without a rate table, a cell the table lacks, and a sum insured outside the range at its edges', () => {
    expect(() => price(null, insured, request, undefined)).toThrow(
      expect.objectContaining({ code: 'SALES.NOT_RATED' }),
    );
    expect(() => price(table, { ...insured, entryAge: 31 }, request, undefined)).toThrow(SaleRefusedError);
    expect(price(table, insured, request, { min: 50_000_000, max: 50_000_000 }).sumInsuredFen).toBe(
      50_000_000,
    );
    expect(() => price(table, insured, request, { min: 50_000_001, max: 60_000_000 })).toThrow(
      expect.objectContaining({ code: 'SALES.SUM_INSURED_RANGE' }),
    );
    expect(() => price(table, insured, request, { min: 1, max: 49_999_999 })).toThrow(
      expect.objectContaining({ code: 'SALES.SUM_INSURED_RANGE' }),
    );
  });

  it('issues the quote on its rating with the suitability outcome, and the event that announces it', () => {
    const standing = {
      grade: 'G2' as const,
      maxProductGrade: 'R3' as const,
      licenceNumber: 'LIC-9',
      licenceValidUntil: '2028-01-01',
      trainingHoursByYear: { '2026': 31 },
      serviceStartedOn: '2024-01-01',
      status: 'active' as const,
    };
    const rating = price(table, insured, request, undefined);
    const { state, event } = issueQuote(
      'q-1',
      {
        ...request,
        acknowledgement: { signedBy: 'c-1', signedAt: NOW.toISOString(), sha256: 'ab'.repeat(32) },
      },
      {
        productCode: 'TL20',
        productVersion: 3,
        entryAge: 30,
        occupationClass: 3,
        outcome: 'acknowledged',
        salespersonStanding: standing,
      },
      rating,
      NOW,
    );
    expect(state).toMatchObject({
      quoteId: 'q-1',
      productVersion: 3,
      premiumFen: 106_375,
      suitabilityOutcome: 'acknowledged',
      acknowledgement: { signedBy: 'c-1' },
      issuedAt: NOW,
    });
    expect(state.validUntil > '2026-03-02').toBe(true);
    expect(event).toMatchObject({ quoteId: 'q-1', premiumFen: 106_375, validUntil: state.validUntil });
    // The standing the sale was allowed on travels with it, for a consumer that has not seen the salesperson yet.
    expect(event.salespersonStanding).toEqual(standing);
  });
});
