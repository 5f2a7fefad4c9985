import { addDays, addMonths, addYears, completedYears, type CalendarDate } from '@insurer/platform-time';

export type PaymentMode = 'single' | 'annual' | 'semi_annual' | 'quarterly' | 'monthly';

export const MONTHS_BETWEEN: Readonly<Record<PaymentMode, number>> = {
  single: 0,
  annual: 12,
  semi_annual: 6,
  quarterly: 3,
  monthly: 1,
};

/** The policy covers from its effective date through the day before the same date `years` later. */
export function expiryDate(effectiveDate: CalendarDate, coverageTermYears: number): CalendarDate {
  return addDays(addYears(effectiveDate, coverageTermYears), -1);
}

/**
 * The cooling-off period runs from the day after the policyholder acknowledges receipt of the policy (an electronic
 * policy counts as received when delivered) for the product's number of days, and ends at 24:00 of its last day.
 */
export function coolingOffEndsOn(receivedOn: CalendarDate, coolingOffDays: number): CalendarDate {
  return addDays(receivedOn, coolingOffDays);
}

export function isInsideCoolingOff(endsOn: CalendarDate, today: CalendarDate): boolean {
  return today <= endsOn;
}

/** How many premiums the payment term has in all. */
export function totalInstalments(mode: PaymentMode, paymentTermYears: number): number {
  return mode === 'single' ? 1 : (paymentTermYears * 12) / MONTHS_BETWEEN[mode];
}

/**
 * The due date of the n-th premium (0 = the first, paid at issue). Counted from the effective date each time, not from
 * the previous due date, so a policy effective on 31 January falls due on 28/29 February and again on 31 March.
 */
export function dueDate(effectiveDate: CalendarDate, mode: PaymentMode, n: number): CalendarDate {
  return addMonths(effectiveDate, MONTHS_BETWEEN[mode] * n);
}

/** Insurance Law Art. 36: 60 days of grace after a missed premium's due date. */
export const GRACE_DAYS = 60;
export function graceEndsOn(dueOn: CalendarDate): CalendarDate {
  return addDays(dueOn, GRACE_DAYS);
}

/** A suspended policy can be reinstated for 2 years. */
export function reinstatableUntil(lapsedOn: CalendarDate): CalendarDate {
  return addYears(lapsedOn, 2);
}

/** A policy fee of at most CNY 10 may be kept on a cooling-off withdrawal; the rest of the premium goes back. */
export const MAX_POLICY_FEE_FEN = 1000;
export function withdrawalRefund(premiumPaidFen: number): { policyFeeFen: number; refundFen: number } {
  const policyFeeFen = Math.min(MAX_POLICY_FEE_FEN, premiumPaidFen);
  return { policyFeeFen, refundFen: premiumPaidFen - policyFeeFen };
}

/** Insurance Law Art. 47: the cash value is refunded within 30 days of the surrender. */
export function surrenderRefundDueOn(surrenderedOn: CalendarDate): CalendarDate {
  return addDays(surrenderedOn, 30);
}

/**
 * The cash value on a surrender date: the table's value at the end of the last completed policy year (nothing before
 * the first anniversary), per 1,000 yuan of sum insured, scaled to the policy's sum insured, rounded down to the fen.
 */
export function cashValueOn(
  valuesPer1000Fen: readonly number[],
  effectiveDate: CalendarDate,
  onDate: CalendarDate,
  sumInsuredFen: number,
): { policyYearsCompleted: number; cashValueFen: number } {
  const years = Math.max(0, completedYears(effectiveDate, onDate));
  if (years === 0 || valuesPer1000Fen.length === 0) return { policyYearsCompleted: years, cashValueFen: 0 };
  const per1000 = valuesPer1000Fen[Math.min(years, valuesPer1000Fen.length) - 1];
  return {
    policyYearsCompleted: years,
    cashValueFen: Number((BigInt(per1000) * BigInt(sumInsuredFen)) / 100_000n),
  };
}

/**
 * Insurance Law Art. 16: the right to rescind for non-disclosure ends 30 days after the insurer learns of the grounds,
 * and in any case 2 years after the contract was formed.
 */
export function rescissionAllowed(
  formedOn: CalendarDate,
  learnedOn: CalendarDate,
  today: CalendarDate,
):
  | { allowed: true }
  | { allowed: false; rule: string; message: string; params: { formedOn?: string; learnedOn?: string } } {
  if (today > addYears(formedOn, 2)) {
    return {
      allowed: false,
      rule: 'RESCISSION.TWO_YEARS',
      message: `the contract formed on ${formedOn} is more than 2 years old`,
      params: { formedOn },
    };
  }
  if (today > addDays(learnedOn, 30)) {
    return {
      allowed: false,
      rule: 'RESCISSION.THIRTY_DAYS',
      message: `more than 30 days since the grounds became known on ${learnedOn}`,
      params: { learnedOn },
    };
  }
  return { allowed: true };
}

// Art. 87's record retention is the archive's rule; policy terms name it too.
export { retainRecordsUntil } from '../../archive/domain/retention';
