import { LEGAL_SOURCES, localizedText as t, type LocalizedText } from '@insurer/contracts';
import { addMonths, shanghaiDate, type CalendarDate } from '@insurer/platform-time';
import type { RuleViolation } from './rule-violation';

export const SUITABILITY_SOURCE = LEGAL_SOURCES.suitability;

export type RiskLevel = 'C1' | 'C2' | 'C3' | 'C4' | 'C5';

interface Question {
  readonly id: string;
  readonly text: LocalizedText;
  /** The options in the order they are shown, each with its words and its points. */
  readonly options: readonly { readonly label: LocalizedText; readonly points: number }[];
}

/** Options from labels and their points, in the order shown. */
const options = (points: readonly number[], labels: readonly LocalizedText[]) =>
  labels.map((label, i) => ({ label, points: points[i] }));

/**
 * The questionnaire the customer answers (in their language: the wording is shown to them, the ids and option
 * indexes are what comes back): eight questions, each option worth 1-5 points, so a score runs from 8 to 40.
 */
export const RISK_QUESTIONNAIRE: readonly Question[] = [
  {
    id: 'age',
    text: t('您的年龄', 'Your age'),
    options: options(
      [1, 2, 3, 4, 5],
      [
        t('70岁及以上', '70 or older'),
        t('60至69岁', '60-69'),
        t('50至59岁', '50-59'),
        t('35至49岁', '35-49'),
        t('18至34岁', '18-34'),
      ],
    ),
  },
  {
    id: 'income_stability',
    text: t('您的收入稳定吗？', 'How stable is your income?'),
    options: options(
      [1, 2, 3, 4, 5],
      [
        t('无固定收入', 'No regular income'),
        t('不稳定', 'Irregular'),
        t('一般', 'Fairly stable'),
        t('稳定', 'Stable'),
        t('非常稳定', 'Very stable'),
      ],
    ),
  },
  {
    id: 'experience',
    text: t(
      '您投资基金、股票或投资连结保险等产品有多少年？',
      'Years of investing in funds, shares or unit-linked products',
    ),
    options: options(
      [1, 2, 3, 4, 5],
      [
        t('没有', 'None'),
        t('不到1年', 'Under 1 year'),
        t('1至3年', '1-3 years'),
        t('3至5年', '3-5 years'),
        t('5年以上', 'Over 5 years'),
      ],
    ),
  },
  {
    id: 'knowledge',
    text: t('您对投资连结保险了解多少？', 'How well do you understand investment-linked insurance?'),
    options: options(
      [1, 2, 4, 5],
      [
        t('完全不了解', 'Not at all'),
        t('了解一些', 'A little'),
        t('比较了解', 'Fairly well'),
        t('非常了解', 'Very well'),
      ],
    ),
  },
  {
    id: 'horizon',
    text: t('这笔资金可以投资多长时间？', 'How long can the money stay invested?'),
    options: options(
      [1, 2, 3, 4, 5],
      [
        t('不到1年', 'Under 1 year'),
        t('1至3年', '1-3 years'),
        t('3至5年', '3-5 years'),
        t('5至10年', '5-10 years'),
        t('10年以上', 'Over 10 years'),
      ],
    ),
  },
  {
    id: 'objective',
    text: t('您的主要投资目标是？', 'Your main objective'),
    options: options(
      [1, 2, 3, 4, 5],
      [
        t('保本，不能亏损', 'Preserve capital'),
        t('稳健，收益略高于存款', 'Steady returns a little above deposits'),
        t('兼顾收益与风险', 'Balance growth and risk'),
        t('较高收益，可承受一定波动', 'Higher growth, some swings accepted'),
        t('追求最大增长', 'Maximise growth'),
      ],
    ),
  },
  {
    id: 'loss_tolerance',
    text: t('一年内您最多能承受多大的亏损？', 'Largest yearly loss you could bear'),
    options: options(
      [1, 2, 3, 4, 5],
      [
        t('不能承受亏损', 'None'),
        t('5%以内', 'Up to 5%'),
        t('5%至10%', '5-10%'),
        t('10%至30%', '10-30%'),
        t('30%以上', 'Over 30%'),
      ],
    ),
  },
  {
    id: 'share_of_assets',
    text: t(
      '这笔投资占您家庭金融资产的比例是？（越低越稳妥）',
      'Share of your household’s financial assets this represents (lower is safer)',
    ),
    options: options(
      [5, 4, 3, 2, 1],
      [
        t('10%以下', 'Under 10%'),
        t('10%至25%', '10-25%'),
        t('25%至50%', '25-50%'),
        t('50%至75%', '50-75%'),
        t('75%以上', 'Over 75%'),
      ],
    ),
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
    if (option === undefined || !Number.isInteger(option) || option < 0 || option >= q.options.length) {
      violations.push({
        pointer: `/answers/${q.id}`,
        rule: 'RISK.ANSWER',
        message: `answer with an option index from 0 to ${q.options.length - 1}`,
        params: { maxIndex: q.options.length - 1 },
      });
    } else {
      score += q.options[option].points;
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
