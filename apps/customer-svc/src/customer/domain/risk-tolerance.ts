import { LEGAL_SOURCES } from '@insurer/contracts';
import { addMonths, shanghaiDate, type CalendarDate } from '@insurer/platform-time';
import type { RuleViolation } from './rule-violation';

export const SUITABILITY_SOURCE = LEGAL_SOURCES.suitability;

export type RiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';

interface Question {
  readonly id: string;
  readonly text: string;
  /** Points for each option, in the order the options are shown. */
  readonly points: readonly number[];
}

/** The questionnaire: eight questions, each option worth 1-5 points, so a score runs from 8 to 40. */
export const RISK_QUESTIONNAIRE: readonly Question[] = [
  { id: 'age', text: 'Age band (70+, 60-69, 50-59, 35-49, 18-34)', points: [1, 2, 3, 4, 5] },
  { id: 'income_stability', text: 'How stable is your income?', points: [1, 2, 3, 4, 5] },
  {
    id: 'experience',
    text: 'Years of investing in funds, shares or unit-linked products',
    points: [1, 2, 3, 4, 5],
  },
  { id: 'knowledge', text: 'How well do you understand investment-linked insurance?', points: [1, 2, 4, 5] },
  { id: 'horizon', text: 'How long can the money stay invested?', points: [1, 2, 3, 4, 5] },
  { id: 'objective', text: 'Main objective: preserve capital ... maximise growth', points: [1, 2, 3, 4, 5] },
  { id: 'loss_tolerance', text: 'Largest yearly loss you could bear', points: [1, 2, 3, 4, 5] },
  {
    id: 'share_of_assets',
    text: 'Share of your assets this represents (lower is safer)',
    points: [5, 4, 3, 2, 1],
  },
];

/** Score bands for the five levels the rule requires at a minimum. */
const BANDS: readonly [number, RiskLevel][] = [
  [35, 'C5'],
  [29, 'C4'],
  [22, 'C3'],
  [15, 'C2'],
  [0, 'C1'],
];

export type ScoreResult =
  | { readonly ok: true; readonly score: number; readonly level: RiskLevel }
  | { readonly ok: false; readonly violations: RuleViolation[] };

/** Scores a complete set of answers (option indexes by question id) to a level. */
export function scoreQuestionnaire(answers: Readonly<Record<string, number>>): ScoreResult {
  const violations: RuleViolation[] = [];
  let score = 0;
  for (const q of RISK_QUESTIONNAIRE) {
    const option = answers[q.id];
    if (option === undefined || !Number.isInteger(option) || option < 0 || option >= q.points.length) {
      violations.push({
        pointer: `/answers/${q.id}`,
        rule: 'RISK.ANSWER',
        message: `answer with an option index from 0 to ${q.points.length - 1}`,
        params: { maxIndex: q.points.length - 1 },
      });
    } else {
      score += q.points[option];
    }
  }
  for (const id of Object.keys(answers)) {
    if (!RISK_QUESTIONNAIRE.some((q) => q.id === id)) {
      violations.push({
        pointer: `/answers/${id}`,
        rule: 'RISK.UNKNOWN_QUESTION',
        message: 'no such question',
      });
    }
  }
  if (violations.length) return { ok: false, violations };
  const level = BANDS.find(([min]) => score >= min)?.[1] ?? 'C1';
  return { ok: true, score, level };
}

export const MAX_ASSESSMENTS_PER_DAY = 2;
export const MAX_ASSESSMENTS_PER_12_MONTHS = 8;

/**
 * At most 2 assessments a calendar day and 8 in any 12 months, so a buyer cannot be re-scored until a product fits.
 * `previous` are the instants of earlier assessments.
 */
export function checkAssessmentFrequency(previous: readonly Date[], now: Date): RuleViolation | null {
  const today = shanghaiDate(now);
  const windowStart = addMonths(today, -12);
  const sameDay = previous.filter((at) => shanghaiDate(at) === today).length;
  if (sameDay >= MAX_ASSESSMENTS_PER_DAY) {
    return {
      pointer: '',
      rule: 'SUITABILITY.ASSESSMENT_DAILY_LIMIT',
      message: `at most ${MAX_ASSESSMENTS_PER_DAY} risk assessments a day; try again tomorrow`,
      params: { max: MAX_ASSESSMENTS_PER_DAY },
      source: SUITABILITY_SOURCE,
    };
  }
  const inWindow = previous.filter((at) => shanghaiDate(at) > windowStart).length;
  if (inWindow >= MAX_ASSESSMENTS_PER_12_MONTHS) {
    return {
      pointer: '',
      rule: 'SUITABILITY.ASSESSMENT_YEARLY_LIMIT',
      message: `at most ${MAX_ASSESSMENTS_PER_12_MONTHS} risk assessments in 12 months`,
      params: { max: MAX_ASSESSMENTS_PER_12_MONTHS },
      source: SUITABILITY_SOURCE,
    };
  }
  return null;
}

/** A result is valid for 12 months: through the same date a year later. */
export function assessmentValidUntil(assessedAt: Date): CalendarDate {
  return addMonths(shanghaiDate(assessedAt), 12);
}
