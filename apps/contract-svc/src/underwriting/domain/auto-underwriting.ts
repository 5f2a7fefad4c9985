export type Decision = 'accept' | 'accept_with_loading' | 'accept_with_exclusion' | 'refer' | 'decline';

export interface UnderwritingReason {
  readonly code: string;
  readonly message: string;
}

export interface UnderwritingInput {
  readonly productType: string;
  readonly isLife: boolean;
  readonly entryAge: { readonly min: number; readonly max: number };
  readonly acceptedOccupationClasses: readonly number[];
  readonly maxSumInsuredIncomeMultiple?: number;
  readonly insuredAge: number;
  readonly occupationClass: number;
  readonly sumInsuredFen: number;
  readonly annualIncomeFen: number;
  readonly bmi: number | null;
  readonly declaredConditions: readonly string[];
  readonly identityVerified: boolean;
}

export interface UnderwritingOutcome {
  readonly decision: Decision;
  readonly loadingPercent: number | null;
  readonly exclusions: string[];
  readonly reasons: UnderwritingReason[];
}

/** Sums above this need medical evidence a rule cannot judge (2 million yuan). */
export const LARGE_SUM_FEN = 200_000_000;

type Finding =
  | { kind: 'decline' | 'refer'; reason: UnderwritingReason }
  | { kind: 'load'; percent: number; reason: UnderwritingReason }
  | { kind: 'exclude'; exclusion: string; reason: UnderwritingReason };

const COVERS_ILLNESS = (type: string) => type !== 'accident';

/** What each declared condition means for each kind of cover. */
function conditionFindings(condition: string, productType: string): Finding[] {
  if (!COVERS_ILLNESS(productType)) return [];
  const r = (code: string, message: string, params?: Record<string, string | number>) =>
    params ? { code, message, params } : { code, message };
  switch (condition) {
    case 'cancer':
      return [
        {
          kind: 'decline',
          reason: r('UW.CANCER', 'a history of malignant tumour is not insurable on this cover'),
        },
      ];
    case 'heart_disease':
      return productType === 'medical'
        ? [
            {
              kind: 'exclude',
              exclusion: 'cardiovascular disease and its complications',
              reason: r('UW.HEART_EXCLUDED', 'heart disease is excluded'),
            },
          ]
        : [
            {
              kind: 'decline',
              reason: r('UW.HEART', 'coronary heart disease is not insurable on this cover'),
            },
          ];
    case 'hypertension':
      return productType === 'medical'
        ? [
            {
              kind: 'exclude',
              exclusion: 'hypertension and its complications',
              reason: r('UW.HYPERTENSION_EXCLUDED', 'hypertension is excluded'),
            },
          ]
        : [
            {
              kind: 'load',
              percent: 50,
              reason: r('UW.HYPERTENSION_LOADING', 'treated hypertension: +50% premium'),
            },
          ];
    case 'diabetes':
      return [
        {
          kind: 'refer',
          reason: r('UW.DIABETES', 'diabetes needs an underwriter to review the medical records'),
        },
      ];
    case 'hospitalised_5y':
    case 'abnormal_checkup_2y':
      return [
        {
          kind: 'refer',
          reason: r(
            'UW.MEDICAL_HISTORY',
            `declared ${condition.replace(/_/g, ' ')}: an underwriter reviews the details`,
            { condition },
          ),
        },
      ];
    default:
      return [
        {
          kind: 'refer',
          reason: r('UW.UNKNOWN_CONDITION', `declared condition ${condition} has no automatic rule`, {
            condition,
          }),
        },
      ];
  }
}

/**
 * Automatic underwriting (manual 3.2). Every rule adds its finding; the most severe decides: any decline declines,
 * otherwise any referral goes to an underwriter, otherwise loadings add up and exclusions are listed.
 */
export function underwrite(input: UnderwritingInput): UnderwritingOutcome {
  const findings: Finding[] = [];
  const r = (code: string, message: string, params?: Record<string, string | number>) =>
    params ? { code, message, params } : { code, message };

  if (!input.identityVerified) {
    findings.push({
      kind: 'refer',
      reason: r('UW.IDENTITY_UNVERIFIED', 'the identity was not confirmed before the contract'),
    });
  }
  if (input.insuredAge < input.entryAge.min || input.insuredAge > input.entryAge.max) {
    findings.push({
      kind: 'decline',
      reason: r(
        'UW.ENTRY_AGE',
        `entry age ${input.insuredAge} is outside ${input.entryAge.min}-${input.entryAge.max}`,
        { age: input.insuredAge, min: input.entryAge.min, max: input.entryAge.max },
      ),
    });
  }
  if (!input.acceptedOccupationClasses.includes(input.occupationClass)) {
    findings.push({
      kind: 'decline',
      reason: r(
        'UW.OCCUPATION',
        `occupation class ${input.occupationClass} is not insurable on this product`,
        { occupationClass: input.occupationClass },
      ),
    });
  } else if (input.occupationClass >= 5 && COVERS_ILLNESS(input.productType)) {
    findings.push({
      kind: 'refer',
      reason: r('UW.HAZARDOUS_OCCUPATION', `occupation class ${input.occupationClass} needs review`, {
        occupationClass: input.occupationClass,
      }),
    });
  }
  if (input.maxSumInsuredIncomeMultiple !== undefined) {
    const limit = input.annualIncomeFen * input.maxSumInsuredIncomeMultiple;
    if (input.sumInsuredFen > limit) {
      findings.push({
        kind: 'refer',
        reason: r(
          'UW.FINANCIAL',
          `sum insured is above ${input.maxSumInsuredIncomeMultiple} times the declared income`,
          { multiple: input.maxSumInsuredIncomeMultiple },
        ),
      });
    }
  }
  if (input.isLife && input.sumInsuredFen > LARGE_SUM_FEN) {
    findings.push({
      kind: 'refer',
      reason: r('UW.LARGE_SUM', 'sums insured above 2 million yuan need medical evidence'),
    });
  }
  if (COVERS_ILLNESS(input.productType)) {
    if (input.bmi === null) {
      findings.push({
        kind: 'refer',
        reason: r('UW.BMI_MISSING', 'height and weight are needed for this cover'),
      });
    } else if (input.bmi > 35) {
      findings.push({
        kind: 'decline',
        reason: r('UW.BMI', `BMI ${input.bmi} is above 35`, { outcome: 'decline', bmi: input.bmi }),
      });
    } else if (input.bmi < 17 || input.bmi > 32) {
      findings.push({
        kind: 'refer',
        reason: r('UW.BMI', `BMI ${input.bmi} is outside 17-32`, { outcome: 'refer', bmi: input.bmi }),
      });
    } else if (input.bmi > 28) {
      findings.push({
        kind: 'load',
        percent: 25,
        reason: r('UW.BMI_LOADING', `BMI ${input.bmi} is above 28: +25% premium`, { bmi: input.bmi }),
      });
    }
  }
  for (const condition of input.declaredConditions)
    findings.push(...conditionFindings(condition, input.productType));

  const reasons = findings.map((f) => f.reason);
  const exclusions = findings.flatMap((f) => (f.kind === 'exclude' ? [f.exclusion] : []));
  const loading = findings.reduce((sum, f) => sum + (f.kind === 'load' ? f.percent : 0), 0);
  if (findings.some((f) => f.kind === 'decline')) {
    return {
      decision: 'decline',
      loadingPercent: null,
      exclusions: [],
      reasons: findings.filter((f) => f.kind === 'decline').map((f) => f.reason),
    };
  }
  if (findings.some((f) => f.kind === 'refer')) {
    return { decision: 'refer', loadingPercent: null, exclusions: [], reasons };
  }
  if (loading > 0) return { decision: 'accept_with_loading', loadingPercent: loading, exclusions, reasons };
  if (exclusions.length)
    return { decision: 'accept_with_exclusion', loadingPercent: null, exclusions, reasons };
  return { decision: 'accept', loadingPercent: null, exclusions: [], reasons: [] };
}
