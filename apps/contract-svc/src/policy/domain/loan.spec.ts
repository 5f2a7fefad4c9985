import type { ProductDefinition } from '@insurer/contracts';
import { loanBalance } from '@insurer/contracts';
import { productFixture } from '@insurer/contracts/testing';
import { addMonths as platformAddMonths, daysBetween as platformDaysBetween } from '@insurer/platform-time';
import { checkLoanCover, loanPosition, repayLoan, takeLoan } from './loan';
import { issueInputFixture } from './issue-input.fixture';
import { issue, surrender, type IssueInput, type PolicyState } from './policy';
import { PolicyRuleError, PolicyStateError } from './policy.errors';

const NOW = new Date('2026-03-02T02:00:00Z');
const at = (date: string) => new Date(`${date}T02:00:00Z`);

// Cash value per 1,000 of sum insured at the end of years 1-3: on 500,000 yuan, 6,000 yuan after 2 years, 15,500 after 3.
const product: ProductDefinition = {
  ...productFixture,
  cashValues: [{ entryAge: 30, gender: 'male', paymentTermYears: 20, valuesPer1000Fen: [0, 1200, 3100] }],
  policyLoan: { maxCashValuePercent: 80, termMonths: 6, annualRatePercent: 5 },
};

const input: IssueInput = issueInputFixture(product, NOW);
const policy = (): PolicyState => issue(input, NOW).state;
const borrowed = (amountFen: number, on = '2028-03-02') =>
  takeLoan(policy(), product, amountFen, on, at(on)).state;

describe('policy loans', () => {
  it('lends up to 80% of the cash value: 4,800 yuan of 6,000 accepted, one fen more refused with the limit', () => {
    expect(loanPosition(policy(), product, '2028-03-02')).toMatchObject({
      cashValueFen: 600_000,
      maxLoanFen: 480_000,
    });
    const granted = takeLoan(policy(), product, 480_000, '2028-03-02', at('2028-03-02'));
    expect(granted.events[0]).toMatchObject({
      type: 'contract.policy-loan-granted',
      payload: { amountFen: 480_000, principalFen: 480_000, dueOn: '2028-09-02', maxLoanFen: 480_000 },
    });
    expect(() => takeLoan(policy(), product, 480_001, '2028-03-02', at('2028-03-02'))).toThrow(
      expect.objectContaining({
        code: 'LOAN.LIMIT',
        extensions: { maxLoanFen: 480_000, cashValueFen: 600_000 },
      }),
    );
  });

  it('counts what is owed against the limit, and carries it into a further loan with its interest', () => {
    const first = borrowed(300_000);
    // 183 days at 5% on 3,000 yuan: 75.21 yuan; the cash value is still 6,000 (year 3 ends 2029-03-02).
    const position = loanPosition(first, product, '2028-09-01');
    expect(position).toMatchObject({ owedFen: 307_521, maxLoanFen: 480_000 - 307_521 });
    const second = takeLoan(first, product, 100_000, '2028-09-01', at('2028-09-01'));
    expect(second.state.loan).toMatchObject({ principalFen: 407_521, periodStart: '2028-09-01' });
  });

  it('refuses without loan terms, inside cooling-off, and on a suspended policy', () => {
    const { policyLoan: _none, ...noLoans } = product;
    expect(() => takeLoan(policy(), noLoans, 1, '2028-03-02', NOW)).toThrow(
      expect.objectContaining({ code: 'LOAN.NOT_OFFERED' }),
    );
    expect(() => takeLoan(policy(), product, 1, '2026-03-10', NOW)).toThrow(
      expect.objectContaining({ code: 'LOAN.INSIDE_COOLING_OFF' }),
    );
    expect(() => takeLoan({ ...policy(), status: 'suspended' }, product, 1, '2028-03-02', NOW)).toThrow(
      PolicyStateError,
    );
  });

  it('repays interest first, then principal; paying everything clears the loan; no more than is owed', () => {
    const loan = borrowed(300_000);
    const part = repayLoan(loan, 10_000, '2028-09-01', at('2028-09-01'));
    expect(part.events[0].payload).toMatchObject({
      amountFen: 10_000,
      interestPaidFen: 7_521,
      principalFen: 297_521,
    });
    expect(part.state.loan).toMatchObject({ principalFen: 297_521, periodStart: '2028-09-01' });
    const all = repayLoan(loan, 307_521, '2028-09-01', at('2028-09-01'));
    expect(all.state.loan).toBeNull();
    expect(() => repayLoan(loan, 307_522, '2028-09-01', NOW)).toThrow(PolicyRuleError);
    expect(() => repayLoan(policy(), 1, '2028-09-01', NOW)).toThrow(
      expect.objectContaining({ code: 'LOAN.NONE' }),
    );
  });

  it('deducts the loan and its interest from a surrender', () => {
    const decided = surrender(borrowed(300_000), product, '2028-09-01');
    expect(decided.value).toMatchObject({
      cashValueFen: 600_000,
      loanDeductedFen: 307_521,
      netPayableFen: 292_479,
    });
    expect(decided.events[0].payload).toMatchObject({ loanDeductedFen: 307_521, netPayableFen: 292_479 });
    expect(decided.events[0].payload).not.toHaveProperty('reason');
    expect(decided.state.loan).toBeNull();
  });

  it('gives notice when the loan reaches the cash value and ends the policy when the notice runs out unpaid', () => {
    // A product whose cash value stays at 6,000 yuan from year 2, so that 4,800 yuan rolled over at 5% reaches it.
    const flat = { ...product, cashValues: [{ ...product.cashValues[0], valuesPer1000Fen: [0, 1200] }] };
    const loan = takeLoan(policy(), flat, 480_000, '2028-03-02', at('2028-03-02')).state;
    const quiet = checkLoanCover(loan, flat, '2030-03-02', at('2030-03-02'));
    expect(quiet.events).toEqual([]);
    expect(quiet.state.loan).toMatchObject({ checkedOn: '2030-03-02', endsOn: null });
    // Rolled over every 6 months, the 4,800 yuan owe 5,999.84 yuan on 2032-09-06 and 6,000.66 on 2032-09-07.
    expect(checkLoanCover(loan, flat, '2032-09-06', at('2032-09-06')).events).toEqual([]);
    const notice = checkLoanCover(loan, flat, '2032-09-07', at('2032-09-07'));
    expect(notice.events[0]).toMatchObject({
      type: 'contract.policy-loan-notice-sent',
      payload: { loanBalanceFen: 600_066, cashValueFen: 600_000, endsOn: '2032-10-07' },
    });
    expect(checkLoanCover(notice.state, flat, '2032-10-06', at('2032-10-06')).events).toEqual([]);
    const ended = checkLoanCover(notice.state, flat, '2032-10-07', at('2032-10-07'));
    expect(ended.state).toMatchObject({
      status: 'surrendered',
      endReason: 'loan_exceeds_cash_value',
      loan: null,
    });
    expect(ended.events[0]).toMatchObject({
      type: 'contract.policy-surrendered',
      payload: { reason: 'loan_exceeds_cash_value', netPayableFen: 0, loanDeductedFen: 600_000 },
    });
  });

  it('a repayment after the notice withdraws it', () => {
    const flat = { ...product, cashValues: [{ ...product.cashValues[0], valuesPer1000Fen: [0, 1200] }] };
    const loan = takeLoan(policy(), flat, 480_000, '2028-03-02', at('2028-03-02')).state;
    const notice = checkLoanCover(loan, flat, '2032-09-07', at('2032-09-07')).state;
    expect(notice.loan).toMatchObject({ noticeSentOn: '2032-09-07' });
    const repaid = repayLoan(notice, 200_000, '2032-09-10', at('2032-09-10')).state;
    expect(repaid.loan).toMatchObject({ noticeSentOn: null, endsOn: null });
    expect(checkLoanCover(repaid, flat, '2032-10-07', at('2032-10-07')).state.status).toBe('in_force');
  });

  // The balance rule lives in @insurer/contracts with a calendar of its own (the package depends on zod alone).
  it('counts loan periods with the platform’s calendar: month ends clamp, days count the same', () => {
    for (const [from, months] of [
      ['2026-01-31', 1],
      ['2024-08-31', 6],
      ['2023-08-29', 6],
    ] as const) {
      const end = platformAddMonths(from, months);
      expect(loanBalance(100_000, 5, months, from, end).periodStart).toBe(end);
      expect(loanBalance(100_000, 5, months, from, end).principalFen).toBe(
        100_000 + Math.round((100_000 * 0.05 * platformDaysBetween(from, end)) / 365),
      );
    }
  });
});
