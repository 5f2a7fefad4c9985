import { addDays, daysBetween, type CalendarDate } from '@insurer/platform-time';

export type TimerKind = 'decision' | 'rejection_notice' | 'payment' | 'advance_payment';

/**
 * The Insurance Law's claim deadlines in calendar days (weekends count; the law does not exclude them):
 * decide within 30 days of complete documents (Art. 23), send a rejection notice within 3 days of the decision
 * (Art. 24), pay within 10 days of agreeing the amount (Art. 23), and pay the determinable part in advance when the
 * amount is still open 60 days after the claim and documents arrived (Art. 25).
 */
export const TIMER_DAYS: Readonly<Record<TimerKind, number>> = {
  decision: 30,
  rejection_notice: 3,
  payment: 10,
  advance_payment: 60,
};

/** Warnings go out this many days before the deadline. */
export const WARN_DAYS_BEFORE: Readonly<Record<TimerKind, number>> = {
  decision: 5,
  rejection_notice: 1,
  payment: 2,
  advance_payment: 10,
};

export function timerDueOn(kind: TimerKind, startedOn: CalendarDate): CalendarDate {
  return addDays(startedOn, TIMER_DAYS[kind]);
}

export function warnFrom(kind: TimerKind, dueOn: CalendarDate): CalendarDate {
  return addDays(dueOn, -WARN_DAYS_BEFORE[kind]);
}

/** A deadline is breached once its last day has passed. */
export function isBreached(dueOn: CalendarDate, today: CalendarDate): boolean {
  return today > dueOn;
}

/**
 * What a late payment costs: interest on the amount for each day past the deadline (Art. 23 makes the insurer liable
 * for the claimant's losses; the daily rate is configuration, e.g. the one-year LPR / 365).
 */
export function lateExposureFen(
  amountFen: number,
  dueOn: CalendarDate,
  today: CalendarDate,
  annualRateBp: number,
): number {
  const daysLate = Math.max(0, daysBetween(dueOn, today));
  return Math.floor((amountFen * annualRateBp * daysLate) / (10_000 * 365));
}

/** What a sweep does with an open timer today: report its breach, warn once that it is close, or nothing yet. */
export function sweepStep(
  timer: { kind: TimerKind; status: 'pending' | 'warned'; dueOn: CalendarDate },
  today: CalendarDate,
): 'breach' | 'warn' | null {
  if (isBreached(timer.dueOn, today)) return 'breach';
  if (timer.status === 'pending' && today >= warnFrom(timer.kind, timer.dueOn)) return 'warn';
  return null;
}
