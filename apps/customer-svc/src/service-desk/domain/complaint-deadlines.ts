import type { MessageParams } from '@insurer/platform-errors';
import { isPastPeriod, periodEnd, type CalendarDate } from '@insurer/platform-time';

export const COMPLAINT_SOURCE = 'CBIRC Order 2020 No. 3 (银行保险机构消费投诉处理管理办法)';

export type DeadlineStage = 'standard' | 'extended' | 'further_extended';

/**
 * Days from receipt allowed at each stage: 15 to answer; a complex case may be extended to 30; in special
 * circumstances a further 30 with a manager's approval.
 */
export const DAYS_BY_STAGE: Readonly<Record<DeadlineStage, number>> = {
  standard: 15,
  extended: 30,
  further_extended: 60,
};

export function complaintDueOn(receivedAt: Date, stage: DeadlineStage): CalendarDate {
  return periodEnd(receivedAt, DAYS_BY_STAGE[stage]);
}

export type ExtensionDecision =
  | {
      readonly ok: true;
      readonly stage: DeadlineStage;
      readonly dueOn: CalendarDate;
      readonly needsApproval: boolean;
    }
  | { readonly ok: false; readonly rule: string; readonly message: string; readonly params?: MessageParams };

/**
 * The next extension allowed for a complaint, if any. An extension must be decided before the current deadline
 * passes; the second one needs a manager.
 */
export function nextExtension(
  receivedAt: Date,
  stage: DeadlineStage,
  now: Date,
  approvedByManager: boolean,
): ExtensionDecision {
  const currentDue = complaintDueOn(receivedAt, stage);
  if (isPastPeriod(currentDue, now)) {
    return {
      ok: false,
      rule: 'COMPLAINT.DEADLINE_PASSED',
      message: `the deadline of ${currentDue} has already passed`,
      params: { dueOn: currentDue },
    };
  }
  if (stage === 'further_extended') {
    return {
      ok: false,
      rule: 'COMPLAINT.NO_MORE_EXTENSIONS',
      message: 'a complaint can be extended twice at most',
    };
  }
  const next: DeadlineStage = stage === 'standard' ? 'extended' : 'further_extended';
  if (next === 'further_extended' && !approvedByManager) {
    return {
      ok: false,
      rule: 'COMPLAINT.APPROVAL_REQUIRED',
      message: "a further extension needs a manager's approval",
    };
  }
  return {
    ok: true,
    stage: next,
    dueOn: complaintDueOn(receivedAt, next),
    needsApproval: next === 'further_extended',
  };
}

/** A complaint is breached once 24:00 Shanghai time of its due date has passed without an answer. */
export function isBreached(dueOn: CalendarDate, now: Date): boolean {
  return isPastPeriod(dueOn, now);
}
