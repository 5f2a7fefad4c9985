import { mayReportClaim, splitDeathBenefit, STATUTORY_HEIRS } from './beneficiaries';

describe('splitting a death benefit (Arts. 40, 42)', () => {
  it('splits by the named shares, to the fen', () => {
    const shares = splitDeathBenefit(50_000_000, [
      { name: '张一', relationship: 'child', sharePercent: 60, customerId: 'c-1' },
      { name: '张二', relationship: 'child', sharePercent: 40 },
    ]);
    expect(shares).toEqual([
      { name: '张一', customerId: 'c-1', sharePercent: 60, amountFen: 30_000_000 },
      { name: '张二', customerId: null, sharePercent: 40, amountFen: 20_000_000 },
    ]);
  });

  it('gives the fen left over to the largest remainders, so the lines add up to the amount', () => {
    const shares = splitDeathBenefit(100, [
      { name: 'A', relationship: 'child', sharePercent: 33.33 },
      { name: 'B', relationship: 'child', sharePercent: 33.33 },
      { name: 'C', relationship: 'child', sharePercent: 33.34 },
    ]);
    expect(shares.map((s) => s.amountFen)).toEqual([33, 33, 34]);
    const odd = splitDeathBenefit(1_000_001, [
      { name: 'A', relationship: 'spouse', sharePercent: 50 },
      { name: 'B', relationship: 'child', sharePercent: 50 },
    ]);
    expect(odd.map((s) => s.amountFen)).toEqual([500_001, 500_000]);
    expect(odd.reduce((s, x) => s + x.amountFen, 0)).toBe(1_000_001);
  });

  it('pays equal shares when none are named, and the estate when there is no beneficiary', () => {
    const equal = splitDeathBenefit(300, [
      { name: 'A', relationship: 'child', sharePercent: 0 },
      { name: 'B', relationship: 'child', sharePercent: 0 },
      { name: 'C', relationship: 'child', sharePercent: 0 },
    ]);
    expect(equal.map((s) => s.amountFen)).toEqual([100, 100, 100]);
    expect(splitDeathBenefit(500, [])).toEqual([
      { name: STATUTORY_HEIRS, customerId: null, sharePercent: 100, amountFen: 500 },
    ]);
  });
});

describe('who may report a claim as a customer', () => {
  const policy = {
    insuredId: 'insured',
    policyholderId: 'holder',
    beneficiaries: [{ name: 'B', relationship: 'child', sharePercent: 100, customerId: 'beneficiary' }],
  };
  it('the insured for their own cover; on death a named beneficiary or the policyholder', () => {
    expect(mayReportClaim('insured', policy, 'hospitalisation')).toBe(true);
    expect(mayReportClaim('holder', policy, 'hospitalisation')).toBe(false);
    expect(mayReportClaim('beneficiary', policy, 'death')).toBe(true);
    expect(mayReportClaim('holder', policy, 'death')).toBe(true);
    expect(mayReportClaim('insured', policy, 'death')).toBe(false);
    expect(mayReportClaim('stranger', policy, 'death')).toBe(false);
  });
});
