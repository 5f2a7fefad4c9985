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

  it('refers to investigation at 50 points', () => {
    expect(
      fraudScore({ ...ordinary, eventDate: '2025-02-01', payeeIsInsuredOrBeneficiary: false }),
    ).toMatchObject({ score: 55, referred: true });
    expect(
      fraudScore({ ...ordinary, payeeIsInsuredOrBeneficiary: false, amountClaimedFen: 190_000_000 }),
    ).toMatchObject({ score: 45, referred: false });
  });
});
