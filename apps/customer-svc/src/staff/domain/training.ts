/** Salespeople and service staff need at least 30 hours of training a year (manual 5.4; NFRA sales-conduct rules). */
export const REQUIRED_TRAINING_HOURS = 30;

export interface TrainingStanding {
  readonly hours: number;
  readonly requiredHours: number;
  readonly shortfallHours: number;
  readonly flagged: boolean;
}

export function trainingStanding(hoursThisYear: number): TrainingStanding {
  // Hours are recorded to one decimal; round so 29.9 + 0.1 is 30, not 29.999999.
  const hours = Math.round(hoursThisYear * 10) / 10;
  const shortfallHours = Math.max(0, Math.round((REQUIRED_TRAINING_HOURS - hours) * 10) / 10);
  return { hours, requiredHours: REQUIRED_TRAINING_HOURS, shortfallHours, flagged: shortfallHours > 0 };
}

/** The mean of quality scores (0-100), or null when there are none yet. */
export function averageQuality(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}
