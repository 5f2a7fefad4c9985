import { gradeFitsLevel, type ProductGrade, type RiskLevel } from './suitability';
import type { NeedsReason, NeedsTextCode } from './needs-texts';

/** Years of income a family needs replaced, and extra years per dependant: the insurer's needs-analysis method. */
export const INCOME_YEARS = 10;
export const YEARS_PER_DEPENDANT = 2;

export interface NeedsInput {
  readonly age: number;
  readonly occupationClass: number | null;
  readonly annualIncomeFen: number | null;
  readonly dependants: number;
  readonly existingCoverFen: number;
  readonly riskLevel: RiskLevel | null;
  readonly hasMedicalCover: boolean;
}

export interface CatalogueEntry {
  readonly productCode: string;
  readonly name: string;
  readonly type: string;
  readonly riskGrade: ProductGrade;
  readonly entryAge: { readonly min: number; readonly max: number };
  readonly occupationClasses: readonly number[];
}

export interface Recommendation {
  readonly productCode: string;
  readonly name: string;
  readonly score: number;
  /** Why, as codes and values (needs-texts.ts words them in the reader's language). */
  readonly reasons: NeedsReason[];
  readonly suggestedSumInsuredFen: number | null;
}

export interface NeedsAnalysis {
  readonly protectionNeedFen: number;
  readonly protectionGapFen: number;
  readonly recommendations: Recommendation[];
  /** Products left out, with why: the salesperson must not offer them. */
  readonly excluded: { productCode: string; reason: NeedsReason }[];
}

const because = (code: NeedsTextCode, values: NeedsReason['values'] = {}): NeedsReason => ({ code, values });

/**
 * Learns the buyer's need before recommending (NFRA Order 2023 No. 2): the protection need is 10 years of income plus 2
 * per dependant, less the cover they already have. Products the buyer cannot take (age, occupation, risk level) are
 * excluded with the reason; the rest are ranked by how well they meet the need.
 */
export function analyseNeeds(input: NeedsInput, catalogue: readonly CatalogueEntry[]): NeedsAnalysis {
  const income = input.annualIncomeFen ?? 0;
  const need = income * (INCOME_YEARS + YEARS_PER_DEPENDANT * input.dependants);
  const gap = Math.max(0, need - input.existingCoverFen);
  const recommendations: Recommendation[] = [];
  const excluded: { productCode: string; reason: NeedsReason }[] = [];

  for (const p of catalogue) {
    if (input.age < p.entryAge.min || input.age > p.entryAge.max) {
      excluded.push({ productCode: p.productCode, reason: because('entryAge', p.entryAge) });
      continue;
    }
    if (input.occupationClass !== null && !p.occupationClasses.includes(input.occupationClass)) {
      excluded.push({
        productCode: p.productCode,
        reason: because('occupationNotAccepted', { occupationClass: input.occupationClass }),
      });
      continue;
    }
    if (!input.riskLevel || !gradeFitsLevel(p.riskGrade, input.riskLevel)) {
      excluded.push({
        productCode: p.productCode,
        reason: input.riskLevel
          ? because('gradeAboveLevel', { grade: p.riskGrade, level: input.riskLevel })
          : because('noRiskAssessment'),
      });
      continue;
    }
    const reasons: NeedsReason[] = [];
    let score = 0;
    let suggested: number | null = null;
    if ((p.type === 'term_life' || p.type === 'whole_life') && gap > 0) {
      score += 50 + (input.dependants > 0 ? 20 : 0);
      suggested = gap;
      reasons.push(because('protectionGap', { gapYuan: gap / 100 }));
      if (input.dependants > 0) reasons.push(because('dependants', { count: input.dependants }));
    }
    if (p.type === 'critical_illness') {
      score += 40;
      suggested = income > 0 ? income * 3 : null;
      reasons.push(because('incomeReplacement'));
    }
    if (p.type === 'medical') {
      if (input.hasMedicalCover) {
        excluded.push({ productCode: p.productCode, reason: because('medicalDuplicate') });
        continue;
      }
      score += 35;
      reasons.push(because('hospitalCosts'));
    }
    if (p.type === 'accident') {
      score += 20 + (input.occupationClass !== null && input.occupationClass >= 3 ? 15 : 0);
      reasons.push(because('accidentCover'));
    }
    if (p.type === 'unit_linked' || p.type === 'annuity') {
      score += gap === 0 ? 30 : 5;
      reasons.push(because(gap === 0 ? 'savingSuits' : 'gapFirst'));
    }
    recommendations.push({
      productCode: p.productCode,
      name: p.name,
      score,
      reasons,
      suggestedSumInsuredFen: suggested,
    });
  }
  recommendations.sort((a, b) => b.score - a.score || a.productCode.localeCompare(b.productCode));
  return { protectionNeedFen: need, protectionGapFen: gap, recommendations, excluded };
}
