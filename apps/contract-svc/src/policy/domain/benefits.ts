import type { ProductDefinition } from '@insurer/contracts';
import { addYears, type CalendarDate } from '@insurer/platform-time';
import { settleLoan } from './loan';
import {
  loanOwed,
  mature,
  type PolicyDecided,
  type PolicyEvent,
  type PolicyLoan,
  type PolicyState,
} from './policy';

/**
 * Survival and maturity benefits (生存保险金, 满期保险金) as the product defines them, paid by contract-svc on their
 * anniversaries to the insured while the policy is in force (one that falls due while it is suspended is paid once it
 * is reinstated). A loan owed is settled from the benefit first. No I/O.
 */

export type BenefitTerms = Pick<ProductDefinition, 'survivalBenefits' | 'maturityBenefitPercent'>;

export interface BenefitDue {
  readonly kind: 'survival' | 'maturity';
  /** The policy year whose end pays it. */
  readonly policyYear: number;
  readonly dueOn: CalendarDate;
  readonly amountFen: number;
}

/** Every benefit of the policy in the order it falls due: survival benefits within cover, then the maturity benefit. */
export function benefitSchedule(
  policy: Pick<PolicyState, 'effectiveDate' | 'coverageTermYears' | 'sumInsuredFen'>,
  product: BenefitTerms,
): BenefitDue[] {
  const share = (percent: number) => Math.floor((policy.sumInsuredFen * Math.round(percent * 100)) / 10_000);
  const due: BenefitDue[] = [];
  for (const b of product.survivalBenefits ?? []) {
    for (let year = b.fromPolicyYear; year <= Math.min(b.toPolicyYear, policy.coverageTermYears); year += 1) {
      // A survival benefit at the end of the last year is the maturity benefit's day; both are paid then.
      due.push({
        kind: 'survival',
        policyYear: year,
        dueOn: addYears(policy.effectiveDate, year),
        amountFen: share(b.sumInsuredPercent),
      });
    }
  }
  if (product.maturityBenefitPercent !== undefined)
    due.push({
      kind: 'maturity',
      policyYear: policy.coverageTermYears,
      dueOn: addYears(policy.effectiveDate, policy.coverageTermYears),
      amountFen: share(product.maturityBenefitPercent),
    });
  return due.sort((a, b) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.kind === 'survival' ? -1 : 1,
  );
}

/** The first benefit not yet paid: what the daily sweep waits for. */
export function nextBenefitOn(
  policy: Pick<PolicyState, 'effectiveDate' | 'coverageTermYears' | 'sumInsuredFen'>,
  product: BenefitTerms,
  paidCount: number,
): CalendarDate | null {
  return benefitSchedule(policy, product)[paidCount]?.dueOn ?? null;
}

export interface BenefitPaymentRecord {
  readonly kind: 'survival' | 'maturity';
  readonly policyYear: number;
  readonly dueOn: CalendarDate;
  readonly amountFen: number;
  readonly loanDeductedFen: number;
  readonly paidFen: number;
  readonly payeeId: string;
  readonly paidAt: Date;
}

/** Pays every benefit due by today that is not paid yet, settling a loan first; the state moves to the next one. */
export function payDueBenefits(
  policy: PolicyState,
  product: BenefitTerms,
  today: CalendarDate,
  now: Date,
): PolicyDecided & { benefits: BenefitPaymentRecord[] } {
  const schedule = benefitSchedule(policy, product);
  const events: PolicyEvent[] = [];
  const benefits: BenefitPaymentRecord[] = [];
  let paid = policy.benefitsPaid;
  let loan: PolicyLoan | null = policy.loan;
  for (; paid < schedule.length && schedule[paid].dueOn <= today; paid += 1) {
    const due = schedule[paid];
    const loanDeductedFen = loan ? Math.min(due.amountFen, loanOwed(loan, today).totalFen) : 0;
    if (loan) {
      const settled = settleLoan(policy.policyId, loan, loanDeductedFen, today, now);
      loan = settled.loan;
      events.push(settled.event);
    }
    const record = {
      ...due,
      loanDeductedFen,
      paidFen: due.amountFen - loanDeductedFen,
      payeeId: policy.insuredId,
      paidAt: now,
    };
    benefits.push(record);
    events.push({
      type: 'contract.survival-benefit-paid',
      aggregateId: policy.policyId,
      payload: {
        policyId: policy.policyId,
        insuredId: policy.insuredId,
        kind: due.kind,
        policyYear: due.policyYear,
        amountFen: due.amountFen,
        loanDeductedFen,
        paidFen: record.paidFen,
        dueOn: due.dueOn,
        paidAt: now.toISOString(),
      },
    });
  }
  return {
    state: { ...policy, loan, benefitsPaid: paid, nextBenefitOn: schedule[paid]?.dueOn ?? null },
    events,
    benefits,
  };
}

/** Cover ends at its expiry: the benefits due by then are paid first, the maturity benefit among them. */
export function matureWithBenefits(
  policy: PolicyState,
  product: BenefitTerms,
  today: CalendarDate,
  now: Date,
): PolicyDecided & { benefits: BenefitPaymentRecord[] } {
  const paid = policy.status === 'in_force' ? payDueBenefits(policy, product, today, now) : null;
  const ended = mature(paid?.state ?? policy);
  return { ...ended, events: [...(paid?.events ?? []), ...ended.events], benefits: paid?.benefits ?? [] };
}
