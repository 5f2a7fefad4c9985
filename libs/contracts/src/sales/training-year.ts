/**
 * The annual training requirement (NFRA Order 2023 No. 2: at least 30 hours a year) as the platform reads it; sales-svc
 * decides authority with it and compliance-svc checks sales against it, from the same facts (docs/services/sales-svc.md).
 *
 * A training year is a calendar year in Shanghai. A year's requirement can only be judged once that year is over, so
 * in year Y a salesperson may sell with 30 hours logged in Y-1, or already in Y. A new salesperson has their first 12
 * months from the day they started (pre-job training is what their licence attests) before the requirement applies.
 */
export const REQUIRED_TRAINING_HOURS = 30;

export interface TrainingFacts {
  /** Hours completed per calendar year, by year ('2026': 31.5). */
  readonly hoursByYear: Readonly<Record<string, number>>;
  /** The day the salesperson started (YYYY-MM-DD); null when unknown, which grants no first year. */
  readonly serviceStartedOn: string | null;
}

export type TrainingStanding =
  | { readonly met: true; readonly basis: 'first_year' | 'this_year' | 'last_year' }
  | { readonly met: false; readonly hoursThisYear: number; readonly hoursLastYear: number };

/** Whether the requirement is met on `today` (YYYY-MM-DD, Shanghai), and on what basis. */
export function annualTraining(
  facts: TrainingFacts,
  today: string,
  required = REQUIRED_TRAINING_HOURS,
): TrainingStanding {
  const year = Number(today.slice(0, 4));
  const hoursThisYear = facts.hoursByYear[String(year)] ?? 0;
  const hoursLastYear = facts.hoursByYear[String(year - 1)] ?? 0;
  if (hoursThisYear >= required) return { met: true, basis: 'this_year' };
  if (hoursLastYear >= required) return { met: true, basis: 'last_year' };
  if (facts.serviceStartedOn && today < firstAnniversary(facts.serviceStartedOn))
    return { met: true, basis: 'first_year' };
  return { met: false, hoursThisYear, hoursLastYear };
}

/** The same month and day a year later; a 29 February start ends its first year on 1 March. */
function firstAnniversary(startedOn: string): string {
  const next = `${Number(startedOn.slice(0, 4)) + 1}${startedOn.slice(4)}`;
  return next.endsWith('-02-29') && !isLeap(Number(next.slice(0, 4))) ? `${next.slice(0, 4)}-03-01` : next;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
