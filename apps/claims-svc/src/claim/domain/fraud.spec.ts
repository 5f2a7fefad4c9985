import { fraudScore, type FraudInput } from './fraud';

const ordinary: FraudInput = {
  effectiveDate: '2025-01-01',
  eventDate: '2026-06-01',
  otherClaimDates: [],
  amountClaimedFen: 1_000_000,
  limitFen: 200_000_000,
  payeeIsInsuredOrBeneficiary: true,
  reusedDocuments: 0,
};
const rules = (change: Partial<FraudInput>) =>
  fraudScore({ ...ordinary, ...change }).signals.map((s) => s.rule);

describe('fraud and risk score', () => {
  it('scores an ordinary claim 0', () => {
    expect(fraudScore(ordinary)).toEqual({ score: 0, signals: [], referred: false });
  });

  it.each([
    [{ eventDate: '2025-03-31' }, 'EARLY_CLAIM'],
    [{ otherClaimDates: ['2026-03-01', '2026-05-01'] }, 'FREQUENT_CLAIMS'],
    [{ amountClaimedFen: 180_000_000 }, 'NEAR_LIMIT'],
    [{ payeeIsInsuredOrBeneficiary: false }, 'THIRD_PARTY_PAYEE'],
    [{ reusedDocuments: 1 }, 'REUSED_DOCUMENTS'],
  ])('fires %o as %s, with an explanation', (change, rule) => {
    expect(rules(change)).toEqual([rule]);
    expect(fraudScore({ ...ordinary, ...change }).signals[0].explanation.length).toBeGreaterThan(10);
  });

  it('does not count a single earlier claim as frequent, nor one long ago', () => {
    expect(rules({ otherClaimDates: ['2026-03-01'] })).toEqual([]);
    expect(rules({ otherClaimDates: ['2024-01-01', '2024-02-01'] })).toEqual([]);
  });

  it('refers to investigation at 50 points, not at 45', () => {
    expect(
      fraudScore({ ...ordinary, eventDate: '2025-02-01', payeeIsInsuredOrBeneficiary: false }),
    ).toMatchObject({ score: 55, referred: true });
    // 25 + 25: exactly the threshold.
    expect(
      fraudScore({
        ...ordinary,
        otherClaimDates: ['2026-03-01', '2026-05-01'],
        payeeIsInsuredOrBeneficiary: false,
      }),
    ).toMatchObject({ score: 50, referred: true });
    expect(
      fraudScore({ ...ordinary, payeeIsInsuredOrBeneficiary: false, amountClaimedFen: 190_000_000 }),
    ).toMatchObject({ score: 45, referred: false });
  });

  it('counts an early claim up to day 89 of cover, not from day 90', () => {
    expect(rules({ eventDate: '2025-03-31' })).toEqual(['EARLY_CLAIM']);
    expect(rules({ eventDate: '2025-04-01' })).toEqual([]);
  });

  it('counts other claims 180 days either side of the event, not 181', () => {
    expect(rules({ otherClaimDates: ['2025-12-03', '2026-11-28'] })).toEqual(['FREQUENT_CLAIMS']);
    expect(rules({ otherClaimDates: ['2025-12-02', '2026-11-28'] })).toEqual([]);
    expect(rules({ otherClaimDates: ['2025-12-03', '2026-11-29'] })).toEqual([]);
  });

  it('flags a claim of 90% of the limit, not one fen less, and never against a zero limit', () => {
    expect(rules({ amountClaimedFen: 180_000_000 })).toEqual(['NEAR_LIMIT']);
    expect(rules({ amountClaimedFen: 179_999_999 })).toEqual([]);
    expect(rules({ amountClaimedFen: 180_000_000, limitFen: 0 })).toEqual([]);
  });

  it('caps the score at 100 and explains every signal', () => {
    const all = fraudScore({
      ...ordinary,
      eventDate: '2025-02-01',
      otherClaimDates: ['2025-01-15', '2025-01-20'],
      amountClaimedFen: 200_000_000,
      payeeIsInsuredOrBeneficiary: false,
      reusedDocuments: 2,
    });
    expect(all.score).toBe(100);
    expect(all.signals.map((s) => [s.rule, s.points])).toEqual([
      ['EARLY_CLAIM', 30],
      ['FREQUENT_CLAIMS', 25],
      ['NEAR_LIMIT', 20],
      ['THIRD_PARTY_PAYEE', 25],
      ['REUSED_DOCUMENTS', 40],
    ]);
    expect(all.signals[1].explanation).toBe('2 other claims within 180 days');
    expect(all.signals[4].explanation).toBe('2 document(s) were already used in another claim');
  });
});
