import { addDays, type CalendarDate } from '@insurer/platform-time';

/**
 * A return visit (回访) must be completed inside the cooling-off period. It is due the day before the period ends, so
 * a customer who learns on the call that the policy is wrong for them still has a day to withdraw.
 */
export function returnVisitDueOn(coolingOffEndsOn: CalendarDate, issuedOn: CalendarDate): CalendarDate {
  const due = addDays(coolingOffEndsOn, -1);
  return due < issuedOn ? coolingOffEndsOn : due;
}

export interface VisitOutcome {
  readonly reached: boolean;
  readonly identityConfirmed: boolean;
  readonly termsUnderstood: boolean;
  readonly wantsToWithdraw: boolean;
}

/** A visit succeeds when the customer was reached, confirmed who they are and understood the terms. */
export function visitSucceeded(outcome: VisitOutcome): boolean {
  return outcome.reached && outcome.identityConfirmed && outcome.termsUnderstood;
}
