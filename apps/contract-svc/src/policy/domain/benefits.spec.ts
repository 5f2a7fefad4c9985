import type { ProductDefinition } from '@insurer/contracts';
import { productFixture } from '@insurer/contracts/testing';
import { benefitSchedule, matureWithBenefits, payDueBenefits } from './benefits';
import { takeLoan } from './loan';
import { issueInputFixture } from './issue-input.fixture';
import { issue, type IssueInput, type PolicyState } from './policy';

const NOW = new Date('2026-03-02T02:00:00Z');
const at = (date: string) => new Date(`${date}T02:00:00Z`);

// A 10-year annuity-style savings policy on 100,000 yuan: 5% a year at the end of years 3 to 9, 120% at maturity.
const annuity: ProductDefinition = {
  ...productFixture,
  type: 'annuity',
  coverageTermsYears: [10],
  survivalBenefits: [{ fromPolicyYear: 3, toPolicyYear: 9, sumInsuredPercent: 5 }],
  maturityBenefitPercent: 120,
  cashValues: [
    { entryAge: 30, gender: 'male', paymentTermYears: 10, valuesPer1000Fen: Array(10).fill(90_000) },
  ],
  policyLoan: { maxCashValuePercent: 80, termMonths: 6, annualRatePercent: 5 },
};

const input: IssueInput = issueInputFixture(annuity, NOW, {
  policyholderId: 'holder',
  insuredId: 'insured',
  payerId: 'holder',
  sumInsuredFen: 10_000_000,
  premiumFen: 1_000_000,
  paymentTermYears: 10,
  coverageTermYears: 10,
});
const policy = (): PolicyState => issue(input, NOW).state;

describe('survival and maturity benefits', () => {
  it('are product data: each anniversary of years 3 to 9, then the maturity benefit at the end of cover', () => {
    const schedule = benefitSchedule(policy(), annuity);
    expect(schedule.map((b) => [b.kind, b.policyYear, b.dueOn, b.amountFen])).toEqual([
      ['survival', 3, '2029-03-02', 500_000],
      ['survival', 4, '2030-03-02', 500_000],
      ['survival', 5, '2031-03-02', 500_000],
      ['survival', 6, '2032-03-02', 500_000],
      ['survival', 7, '2033-03-02', 500_000],
      ['survival', 8, '2034-03-02', 500_000],
      ['survival', 9, '2035-03-02', 500_000],
      ['maturity', 10, '2036-03-02', 12_000_000],
    ]);
    expect(policy()).toMatchObject({ benefitsPaid: 0, nextBenefitOn: '2029-03-02' });
  });

  it('pays nothing the day before the anniversary, and the benefit on it, to the insured, once', () => {
    expect(payDueBenefits(policy(), annuity, '2029-03-01', at('2029-03-01')).events).toEqual([]);
    const paid = payDueBenefits(policy(), annuity, '2029-03-02', at('2029-03-02'));
    expect(paid.events).toEqual([
      expect.objectContaining({
        type: 'contract.survival-benefit-paid',
        payload: expect.objectContaining({
          insuredId: 'insured',
          kind: 'survival',
          policyYear: 3,
          paidFen: 500_000,
        }),
      }),
    ]);
    expect(paid.benefits).toEqual([expect.objectContaining({ payeeId: 'insured', paidFen: 500_000 })]);
    expect(paid.state).toMatchObject({ benefitsPaid: 1, nextBenefitOn: '2030-03-02' });
    expect(payDueBenefits(paid.state, annuity, '2029-03-02', at('2029-03-02')).events).toEqual([]);
  });

  it('pays every benefit missed while the sweep or the policy was stopped, in order', () => {
    const paid = payDueBenefits(policy(), annuity, '2031-06-01', at('2031-06-01'));
    expect(paid.benefits.map((b) => b.policyYear)).toEqual([3, 4, 5]);
    expect(paid.state.nextBenefitOn).toBe('2032-03-02');
  });

  it('settles a loan owed from the benefit first, and says so', () => {
    const lent = takeLoan(policy(), annuity, 300_000, '2029-03-01', at('2029-03-01')).state;
    const paid = payDueBenefits(lent, annuity, '2029-03-02', at('2029-03-02'));
    // One day of interest on 3,000 yuan at 5%: 0.41 yuan.
    expect(paid.events.map((e) => e.type)).toEqual([
      'contract.policy-loan-repaid',
      'contract.survival-benefit-paid',
    ]);
    expect(paid.events[1].payload).toMatchObject({
      amountFen: 500_000,
      loanDeductedFen: 300_041,
      paidFen: 199_959,
    });
    expect(paid.state.loan).toBeNull();
  });

  it('pays the maturity benefit as cover ends, and none on a suspended policy', () => {
    const beforeEnd = { ...policy(), benefitsPaid: 7, nextBenefitOn: '2036-03-02' };
    const matured = matureWithBenefits(beforeEnd, annuity, '2036-03-02', at('2036-03-02'));
    expect(matured.events.map((e) => e.type)).toEqual([
      'contract.survival-benefit-paid',
      'contract.policy-terminated',
    ]);
    expect(matured.events[0].payload).toMatchObject({ kind: 'maturity', paidFen: 12_000_000 });
    expect(matured.state).toMatchObject({ status: 'terminated', benefitsPaid: 8, nextBenefitOn: null });
    const suspended = matureWithBenefits({ ...beforeEnd, status: 'suspended' }, annuity, '2036-03-02', NOW);
    expect(suspended.events.map((e) => e.type)).toEqual(['contract.policy-terminated']);
  });

  it('products without benefits have none', () => {
    expect(benefitSchedule(policy(), productFixture)).toEqual([]);
    expect(issue({ ...input, product: productFixture }, NOW).state.nextBenefitOn).toBeNull();
  });
});
