import type { CalendarDate } from '@insurer/platform-time';
import { AppError, type FieldError } from '@insurer/platform-errors';
import type { Kpis } from '../../kpi/domain/kpis';

export type TrackedKpi = Exclude<keyof Kpis, 'alertsByRule'>;

/**
 * The values each KPI can take, so that a baseline or target outside them (a negative count, a rate above 1, 1e308) is
 * refused rather than stored: shares are 0-1, CSAT 1-5, NPS -100 to 100, counts and fen whole numbers.
 */
export const KPI_RANGES: Readonly<Record<TrackedKpi, { min: number; max: number; integer?: boolean }>> = {
  newBusinessPremiumFen: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  newPolicies: { min: 0, max: 1e9, integer: true },
  quotes: { min: 0, max: 1e9, integer: true },
  quoteToPolicyConversion: { min: 0, max: 1 },
  coolingOffWithdrawalRate: { min: 0, max: 1 },
  persistency13Month: { min: 0, max: 1 },
  returnVisitSuccessRate: { min: 0, max: 1 },
  claimsPaid: { min: 0, max: 1e9, integer: true },
  claimCycleDays: { min: 0, max: 3650 },
  claimsDecidedInTime: { min: 0, max: 1 },
  claimsPaidInTime: { min: 0, max: 1 },
  lossRatio: { min: 0, max: 100 },
  complaintsPer10kPolicies: { min: 0, max: 10_000 },
  complaintsPer100mPremium: { min: 0, max: 1e9 },
  csat: { min: 1, max: 5 },
  nps: { min: -100, max: 100 },
};

export class ImprovementActionInvalidError extends AppError {
  constructor(errors: readonly FieldError[]) {
    super('IMPROVEMENT.INVALID', 'validation', 'the improvement action cannot be recorded as given', {
      errors,
    });
  }
}

/** Baseline and target within the KPI's range, and a due date from today on. */
export function checkAction(
  input: { kpi: TrackedKpi; baseline: number; target: number; dueOn: CalendarDate },
  today: CalendarDate,
): FieldError[] {
  const range = KPI_RANGES[input.kpi];
  const errors: FieldError[] = [];
  for (const field of ['baseline', 'target'] as const) {
    const value = input[field];
    if (value < range.min || value > range.max || (range.integer && !Number.isInteger(value)))
      errors.push({
        pointer: `/${field}`,
        message: `${input.kpi} takes ${range.integer ? 'whole numbers ' : ''}from ${range.min} to ${range.max}`,
        rule: 'IMPROVEMENT.KPI_RANGE',
        params: { kpi: input.kpi, integer: range.integer ? 'yes' : 'no', min: range.min, max: range.max },
      });
  }
  if (input.dueOn < today)
    errors.push({
      pointer: '/dueOn',
      message: `the due date is before today (${today})`,
      rule: 'IMPROVEMENT.DUE_PAST',
      params: { today },
    });
  return errors;
}
