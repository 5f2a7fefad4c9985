import { ruleOf, type ProductDefinition } from '@insurer/contracts';
import { addDays, addMonths, type CalendarDate } from '@insurer/platform-time';
import { isInsideCoolingOff } from './policy-terms';
import {
  cashValueOf,
  loanOwed,
  surrender,
  type PolicyDecided,
  type PolicyEvent,
  type PolicyLoan,
  type PolicyState,
} from './policy';
import { PolicyRuleError, PolicyStateError } from './policy.errors';
import { assertNotPledged } from './pledge';

/**
 * Policy loans (保单贷款, product terms; domain.md "Policy loans"): up to the product's share of the cash value less
 * what is already owed, for a set period at the insurer's rate; unpaid at the end of a period the loan rolls over with
 * its interest; repayments settle interest first; a surrender or a claim deducts what is owed; when the loan and its
 * interest reach the cash value the policyholder is told, and the policy ends after the notice period unless repaid.
 * No I/O.
 */

/** Days between the notice that the loan reached the cash value and the end of the policy. */
export const LOAN_NOTICE_DAYS = 30;

export interface LoanPosition {
  readonly cashValueFen: number;
  /** Principal and interest owed today. */
  readonly owedFen: number;
  readonly interestFen: number;
  /** What may still be borrowed: the product's share of the cash value less what is owed. */
  readonly maxLoanFen: number;
  readonly terms: NonNullable<ProductDefinition['policyLoan']> | null;
}

export function loanPosition(
  policy: PolicyState,
  product: ProductDefinition,
  today: CalendarDate,
): LoanPosition {
  const { cashValueFen } = cashValueOf(policy, product, today);
  const owed = policy.loan ? loanOwed(policy.loan, today) : null;
  const terms = product.policyLoan ?? null;
  const limit = terms ? Math.floor((cashValueFen * Math.round(terms.maxCashValuePercent * 100)) / 10_000) : 0;
  return {
    cashValueFen,
    owedFen: owed?.totalFen ?? 0,
    interestFen: owed?.interestFen ?? 0,
    maxLoanFen: Math.max(0, limit - (owed?.totalFen ?? 0)),
    terms,
  };
}

/** A loan for `amountFen`, carried together with anything owed into one new period from today. */
export function takeLoan(
  policy: PolicyState,
  product: ProductDefinition,
  amountFen: number,
  today: CalendarDate,
  now: Date,
): PolicyDecided {
  if (policy.status !== 'in_force') throw new PolicyStateError(policy, 'lent against');
  assertNotPledged(policy, 'lent');
  if (isInsideCoolingOff(policy.coolingOffEndsOn, today))
    throw new PolicyRuleError(
      'LOAN.INSIDE_COOLING_OFF',
      `no loan until the cooling-off period ends on ${policy.coolingOffEndsOn}`,
      { params: { endsOn: policy.coolingOffEndsOn } },
    );
  const position = loanPosition(policy, product, today);
  if (!position.terms)
    throw new PolicyRuleError('LOAN.NOT_OFFERED', `product ${policy.productCode} offers no policy loans`, {
      params: { productCode: policy.productCode },
    });
  if (amountFen > position.maxLoanFen)
    throw new PolicyRuleError(
      'LOAN.LIMIT',
      `at most ${position.maxLoanFen / 100} yuan may be borrowed: ${position.terms.maxCashValuePercent}% of the cash value ` +
        `(${position.cashValueFen / 100} yuan) less ${position.owedFen / 100} yuan owed`,
      {
        source: ruleOf('LOAN.LIMIT').source,
        extensions: { maxLoanFen: position.maxLoanFen, cashValueFen: position.cashValueFen },
        params: {
          maxYuan: position.maxLoanFen / 100,
          percent: position.terms.maxCashValuePercent,
          cashValueYuan: position.cashValueFen / 100,
          owedYuan: position.owedFen / 100,
        },
      },
    );
  const loan = {
    principalFen: position.owedFen + amountFen,
    periodStart: today,
    annualRatePercent: position.terms.annualRatePercent,
    termMonths: position.terms.termMonths,
    noticeSentOn: null,
    endsOn: null,
    checkedOn: null,
  };
  return {
    state: { ...policy, loan },
    events: [
      {
        type: 'contract.policy-loan-granted',
        aggregateId: policy.policyId,
        payload: {
          policyId: policy.policyId,
          policyholderId: policy.policyholderId,
          amountFen,
          principalFen: loan.principalFen,
          annualRatePercent: loan.annualRatePercent,
          termMonths: loan.termMonths,
          periodStart: today,
          dueOn: addMonths(today, loan.termMonths),
          cashValueFen: position.cashValueFen,
          maxLoanFen: position.maxLoanFen,
          grantedAt: now.toISOString(),
        },
      },
    ],
  };
}

/** A repayment, interest first; what is left of the principal runs on from today. Paying it all clears the loan. */
export function repayLoan(
  policy: PolicyState,
  amountFen: number,
  today: CalendarDate,
  now: Date,
): PolicyDecided {
  if (!policy.loan) throw new PolicyRuleError('LOAN.NONE', 'the policy has no loan outstanding');
  if (policy.status !== 'in_force' && policy.status !== 'suspended')
    throw new PolicyStateError(policy, 'repaid');
  const owed = loanOwed(policy.loan, today);
  if (amountFen > owed.totalFen)
    throw new PolicyRuleError('LOAN.OVERPAID', `${owed.totalFen / 100} yuan is owed; pay at most that`, {
      extensions: { owedFen: owed.totalFen },
      params: { owedYuan: owed.totalFen / 100 },
    });
  const settled = settleLoan(policy.policyId, policy.loan, amountFen, today, now);
  return { state: { ...policy, loan: settled.loan }, events: [settled.event] };
}

/**
 * Pays `amountFen` (at most what is owed) off a loan, interest first: what is left of the principal runs on from today
 * with any notice withdrawn, nothing left clears the loan. Used by a repayment and by a benefit that settles a loan.
 */
export function settleLoan(
  policyId: string,
  loan: PolicyLoan,
  amountFen: number,
  today: CalendarDate,
  now: Date,
): { loan: PolicyLoan | null; event: PolicyEvent } {
  const owed = loanOwed(loan, today);
  const left = owed.totalFen - amountFen;
  return {
    loan:
      left === 0
        ? null
        : {
            ...loan,
            principalFen: left,
            periodStart: today,
            noticeSentOn: null,
            endsOn: null,
            checkedOn: null,
          },
    event: {
      type: 'contract.policy-loan-repaid',
      aggregateId: policyId,
      payload: {
        policyId,
        amountFen,
        interestPaidFen: Math.min(amountFen, owed.interestFen),
        principalFen: left,
        periodStart: today,
        repaidAt: now.toISOString(),
      },
    },
  };
}

/**
 * The daily check of a policy with a loan: once the loan and its interest reach the cash value, the notice; when its
 * period has passed and they still do, the policy ends, the cash value settling the loan. Otherwise the day is only
 * marked as checked.
 */
export function checkLoanCover(
  policy: PolicyState,
  product: ProductDefinition,
  today: CalendarDate,
  now: Date,
): PolicyDecided {
  if (!policy.loan) throw new PolicyRuleError('LOAN.NONE', 'the policy has no loan outstanding');
  const checked = { ...policy.loan, checkedOn: today };
  const { cashValueFen, owedFen } = loanPosition(policy, product, today);
  if (policy.status !== 'in_force' || owedFen < cashValueFen)
    return { state: { ...policy, loan: checked }, events: [] };
  if (checked.endsOn === null) {
    const endsOn = addDays(today, LOAN_NOTICE_DAYS);
    return {
      state: { ...policy, loan: { ...checked, noticeSentOn: today, endsOn } },
      events: [
        {
          type: 'contract.policy-loan-notice-sent',
          aggregateId: policy.policyId,
          payload: {
            policyId: policy.policyId,
            policyholderId: policy.policyholderId,
            loanBalanceFen: owedFen,
            cashValueFen,
            endsOn,
            sentAt: now.toISOString(),
          },
        },
      ],
    };
  }
  if (today < checked.endsOn) return { state: { ...policy, loan: checked }, events: [] };
  return surrender(policy, product, today, 'loan_exceeds_cash_value');
}
