import type { QuoteState } from '../../quote/domain/quote';
import { SaleRefusedError } from '../../suitability/domain/sale.errors';
import {
  assertQuoteFits,
  submitApplication,
  type SubmissionFacts,
  type SubmitApplicationInput,
} from './application';
import { HEALTH_QUESTIONS } from './application-rules';

const NOW = new Date('2026-03-02T02:00:00Z');
const quote: QuoteState = {
  quoteId: 'q-1',
  customerId: 'c-1',
  productCode: 'TL20',
  productVersion: 1,
  sumInsuredFen: 50_000_000,
  annualPremiumFen: 106_375,
  premiumFen: 106_375,
  paymentMode: 'annual',
  paymentTermYears: 20,
  coverageTermYears: 20,
  entryAge: 30,
  occupationClass: 2,
  salespersonId: 's-1',
  channel: 'online',
  suitabilityOutcome: 'suitable',
  acknowledgement: null,
  validUntil: '2026-03-31',
  issuedAt: NOW,
};
const input: SubmitApplicationInput = {
  quoteId: 'q-1',
  insuredId: 'c-1',
  payerId: 'c-1',
  payerRelationship: 'self',
  salespersonId: 's-1',
  healthAnswers: HEALTH_QUESTIONS.map((q) => ({ questionId: q.id, answer: false })),
  beneficiaries: [{ name: '李四', relationship: 'spouse', sharePercent: 100 }],
  signature: { signedBy: 'c-1', signedAt: NOW.toISOString(), sha256: 'ab'.repeat(32) },
} as SubmitApplicationInput;
const facts: SubmissionFacts = {
  quote,
  product: { type: 'term_life', isLife: true, dualRecordingRequired: false, riskGrade: 'R1' },
  insured: {
    customerId: 'c-1',
    birthDate: '1996-01-01',
    gender: 'male',
    occupationClass: 2,
    riskLevel: 'C3',
    riskValidUntil: '2027-01-01',
    annualIncomeFen: 30_000_000,
    householdIncomeFen: null,
    existingCoverFen: null,
    erased: false,
    identityVerified: true,
  },
  entryAge: 30,
  policyholderKnown: true,
  suitability: { outcome: 'suitable', hard: [], soft: [] } as never,
  suitabilityRefused: false,
};

function reasonsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof SaleRefusedError) return err.errors.map((e) => e.rule ?? '');
    throw err;
  }
  return [];
}

describe('the application', () => {
  it('refuses a quote expired the day after its last day, for another insured or salesperson, all at once', () => {
    expect(reasonsOf(() => assertQuoteFits(quote, input, new Date('2026-03-31T15:00:00Z')))).toEqual([]);
    expect(
      reasonsOf(() =>
        assertQuoteFits(quote, { insuredId: 'x', salespersonId: 'y' }, new Date('2026-03-31T16:00:01Z')),
      ),
    ).toEqual(['QUOTE.EXPIRED', 'SALES.INSURED_NOT_QUOTED', 'SALES.SALESPERSON_NOT_QUOTED']);
  });

  it('accepts a clean submission: the application and the event underwriting reads', () => {
    const { state, event } = submitApplication('a-1', input, facts, NOW);
    expect(state).toMatchObject({
      applicationId: 'a-1',
      policyholderId: 'c-1',
      status: 'submitted',
      dualRecording: null,
    });
    expect(state.recordingRetainedUntil).toBeNull();
    expect(event).toMatchObject({
      applicationId: 'a-1',
      insuredAge: 30,
      identityVerified: true,
      declaredConditions: [],
      dualRecordingRequired: false,
      productRiskGrade: 'R1',
    });
  });

  it('gathers every refusal: unknown policyholder, suitability, signature, health answers and shares', () => {
    expect(
      reasonsOf(() =>
        submitApplication(
          'a-1',
          {
            ...input,
            policyholderId: 'ph-1',
            healthAnswers: [],
            beneficiaries: [{ name: 'A', relationship: 'spouse', sharePercent: 90 }],
          },
          {
            ...facts,
            policyholderKnown: false,
            suitability: {
              outcome: 'mismatch',
              hard: [{ code: 'SUITABILITY.LEVEL', message: 'm' }],
              soft: [],
            } as never,
            suitabilityRefused: true,
          },
          NOW,
        ),
      ),
    ).toEqual(
      expect.arrayContaining([
        'SALES.CUSTOMER_UNKNOWN',
        'SUITABILITY.LEVEL',
        'SALES.BENEFICIARY_SHARES_TOTAL',
      ]),
    );
  });

  it('needs the recording when the product requires one, and keeps it beyond the cover', () => {
    const recorded = { ...facts, product: { ...facts.product, dualRecordingRequired: true } };
    expect(reasonsOf(() => submitApplication('a-1', input, recorded, NOW)).length).toBeGreaterThan(0);
  });
});
