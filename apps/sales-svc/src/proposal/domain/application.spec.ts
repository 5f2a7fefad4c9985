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
  insuredId: 'c-1',
  insuredRelationship: 'self',
  insuredConsent: null,
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
const person = {
  customerId: 'c-1',
  birthDate: '1996-01-01',
  gender: 'male' as const,
  occupationClass: 2,
  riskLevel: 'C3',
  riskValidUntil: '2027-01-01',
  annualIncomeFen: 30_000_000,
  householdIncomeFen: null,
  existingCoverFen: null,
  erased: false,
  identityVerified: true,
};
const facts: SubmissionFacts = {
  quote,
  policyholder: person,
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
  effectiveDate: '2026-03-02',
  policyholderAge: 30,
  parties: {
    policyholder: { customerId: 'c-1', age: 30 },
    insured: { customerId: 'c-1', age: 30 },
    relationship: 'self',
    insuredConsent: null,
  },
  payerKnown: true,
  suitability: { outcome: 'suitable', hard: [], soft: [] } as never,
  suitabilityRefused: false,
  salespersonStanding: {
    grade: 'G2',
    maxProductGrade: 'R3',
    licenceNumber: 'LIC-9',
    licenceValidUntil: '2028-01-01',
    trainingHoursByYear: { '2025': 30.5 },
    serviceStartedOn: '2024-01-01',
    status: 'active',
  },
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
    // The standing the submission was allowed on travels with it.
    expect(event.salespersonStanding).toEqual(facts.salespersonStanding);
  });

  it('refuses a policyholder other than the customer the quote was made to', () => {
    expect(reasonsOf(() => assertQuoteFits(quote, { ...input, policyholderId: 'ph-1' }, NOW))).toEqual([
      'SALES.POLICYHOLDER_NOT_QUOTED',
    ]);
    expect(reasonsOf(() => assertQuoteFits(quote, { ...input, policyholderId: 'c-1' }, NOW))).toEqual([]);
  });

  it('gathers every refusal: suitability, signature, health answers and shares', () => {
    expect(
      reasonsOf(() =>
        submitApplication(
          'a-1',
          {
            ...input,
            signature: { ...input.signature, signedBy: 'someone-else' },
            healthAnswers: [],
            beneficiaries: [{ name: 'A', relationship: 'spouse', sharePercent: 90 }],
          },
          {
            ...facts,
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
        'SALES.SIGNED_BY_OTHER',
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

describe('the application with a policyholder insuring another person', () => {
  const grandparent = { ...person, customerId: 'gp-1', birthDate: '1961-01-01' };
  const grandchild = { ...person, customerId: 'gc-1', birthDate: '2005-06-01' };
  const consent = { signedAt: NOW.toISOString(), sha256: 'cd'.repeat(32) };
  const forGrandchild: SubmissionFacts = {
    ...facts,
    quote: {
      ...quote,
      entryAge: 20,
      customerId: 'gp-1',
      insuredId: 'gc-1',
      insuredRelationship: 'close_relative',
      insuredConsent: consent,
    },
    policyholder: grandparent,
    policyholderAge: 65,
    insured: grandchild,
    entryAge: 20,
    parties: {
      policyholder: { customerId: 'gp-1', age: 65 },
      insured: { customerId: 'gc-1', age: 20 },
      relationship: 'close_relative',
      insuredConsent: consent,
    },
  };
  const signed = {
    ...input,
    insuredId: 'gc-1',
    payerId: 'gp-1',
    signature: { ...input.signature, signedBy: 'gp-1' },
    beneficiaries: [{ name: '王五', relationship: 'parent', sharePercent: 100 }],
  };

  it('dual recording reads the buyer’s age: a grandparent of 65 buying life cover for a grandchild of 20 is recorded', () => {
    expect(reasonsOf(() => submitApplication('a-1', signed, forGrandchild, NOW))).toEqual([
      'SALES.DUAL_RECORDING_MISSING',
    ]);
    // The same cover on the same insured bought by a policyholder of 40 needs none.
    const youngBuyer = { ...forGrandchild, policyholderAge: 40, entryAge: 20 };
    expect(reasonsOf(() => submitApplication('a-1', signed, youngBuyer, NOW))).toEqual([]);
  });

  it('the policyholder signs and is the policyholder of the event; the insured’s facts rate, the buyer’s income affords', () => {
    const recorded = { ...forGrandchild, policyholderAge: 59 };
    const { state, event } = submitApplication('a-1', signed, recorded, NOW);
    expect(state).toMatchObject({ policyholderId: 'gp-1', insuredId: 'gc-1', payerId: 'gp-1' });
    expect(event).toMatchObject({
      policyholderId: 'gp-1',
      insuredId: 'gc-1',
      insuredRelationship: 'close_relative',
      insuredConsent: consent,
      policyholderAge: 59,
      insuredAge: 20,
      // Born 2005-06-01: 20 until the day before the 21st birthday.
      ratingAgeValidUntil: '2026-05-31',
      annualIncomeFen: grandparent.annualIncomeFen,
    });
    expect(
      reasonsOf(() => submitApplication('a-1', { ...signed, signature: input.signature }, recorded, NOW)),
    ).toEqual(['SALES.SIGNED_BY_OTHER']);
  });

  it('a payer other than the policyholder is a known customer named with their relationship', () => {
    const recorded = { ...forGrandchild, policyholderAge: 59 };
    const byParent = { ...signed, payerId: 'parent-1', payerRelationship: 'child' as const };
    expect(reasonsOf(() => submitApplication('a-1', byParent, recorded, NOW))).toEqual([]);
    expect(
      reasonsOf(() => submitApplication('a-1', byParent, { ...recorded, payerKnown: false }, NOW)),
    ).toEqual(['SALES.PAYER_UNKNOWN']);
    expect(
      reasonsOf(() => submitApplication('a-1', { ...byParent, payerRelationship: 'self' }, recorded, NOW)),
    ).toEqual(['SALES.PAYER_RELATIONSHIP']);
    expect(
      reasonsOf(() => submitApplication('a-1', { ...signed, payerRelationship: 'spouse' }, recorded, NOW)),
    ).toEqual(['SALES.PAYER_RELATIONSHIP']);
  });

  it('refuses when the insured has had a birthday since the quote, naming it', () => {
    const older = { ...forGrandchild, policyholderAge: 59, entryAge: 21, effectiveDate: '2026-06-01' };
    expect(reasonsOf(() => submitApplication('a-1', signed, older, NOW))).toEqual([
      'QUOTE.RATING_AGE_CHANGED',
    ]);
  });

  it('beneficiaries named on another’s life need the insured’s consent; an employer names only close relatives (Art. 39)', () => {
    const noConsent = {
      ...forGrandchild,
      policyholderAge: 59,
      parties: { ...forGrandchild.parties, insuredConsent: null },
    };
    expect(reasonsOf(() => submitApplication('a-1', signed, noConsent, NOW))).toEqual([
      'SALES.BENEFICIARY_CONSENT',
    ]);
    expect(
      reasonsOf(() => submitApplication('a-1', { ...signed, beneficiaries: [] }, noConsent, NOW)),
    ).toEqual([]);
    const employer = {
      ...forGrandchild,
      policyholderAge: 50,
      parties: { ...forGrandchild.parties, relationship: 'employee' as const },
    };
    const toCompany = {
      ...signed,
      beneficiaries: [{ name: '某公司', relationship: 'employer', sharePercent: 100 }],
    };
    expect(reasonsOf(() => submitApplication('a-1', toCompany, employer, NOW))).toEqual([
      'SALES.EMPLOYER_BENEFICIARY',
    ]);
    expect(reasonsOf(() => submitApplication('a-1', signed, employer, NOW))).toEqual([]);
  });
});
