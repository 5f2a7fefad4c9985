import { SOURCES } from '../../regulation/domain/sources';
import type { TableProblem } from './table-validation';

export interface ProductTerms {
  readonly type: string;
  readonly isLife: boolean;
  readonly entryAge: { readonly min: number; readonly max: number };
  readonly occupationClasses: readonly number[];
  readonly coverageTermsYears: readonly number[];
  readonly paymentTermsYears: readonly number[];
  readonly paymentModes: readonly string[];
  readonly coolingOffDays: number;
  readonly dualRecordingRequired: boolean;
  readonly rating: {
    readonly occupationLoadingsBp: Readonly<Record<string, number>>;
    readonly modalFactorsBp: Readonly<Record<string, number>>;
  };
}

const HEALTH_TYPES = ['critical_illness', 'medical'];

/** Rules a product version must meet before it can be created, each with a pointer into the submitted JSON. */
export function checkProductTerms(p: ProductTerms): TableProblem[] {
  const problems: TableProblem[] = [];
  if (p.entryAge.min > p.entryAge.max) {
    problems.push({
      pointer: '/entryAge',
      rule: 'PRODUCT.ENTRY_AGE',
      message: 'the minimum entry age is above the maximum',
      params: { age: 'range' },
    });
  }
  const longTerm = p.coverageTermsYears.some((t) => t > 1);
  if ((p.isLife || HEALTH_TYPES.includes(p.type)) && longTerm && p.coolingOffDays < 15) {
    problems.push({
      pointer: '/coolingOffDays',
      rule: 'PRODUCT.COOLING_OFF',
      message: 'personal life and health cover over one year needs a cooling-off period of at least 15 days',
    });
  }
  if (p.type === 'unit_linked' && !p.dualRecordingRequired) {
    problems.push({
      pointer: '/dualRecordingRequired',
      rule: 'PRODUCT.DUAL_RECORDING',
      message: `unit-linked sales are always recorded (${SOURCES.dualRecording})`,
    });
  }
  if (p.paymentModes.includes('single') && !p.paymentTermsYears.includes(1)) {
    problems.push({
      pointer: '/paymentTermsYears',
      rule: 'PRODUCT.SINGLE_PAYMENT',
      message: 'single payment needs a 1-year payment term',
    });
  }
  const uncoveredTerms = p.paymentTermsYears.filter((t) => !p.coverageTermsYears.some((c) => c >= t));
  if (uncoveredTerms.length) {
    problems.push({
      pointer: '/paymentTermsYears',
      rule: 'PRODUCT.PAYMENT_TERM',
      message: `payment terms ${uncoveredTerms.join(', ')} exceed every coverage term`,
      params: { terms: uncoveredTerms.join(', ') },
    });
  }
  for (const cls of p.occupationClasses) {
    if (p.rating.occupationLoadingsBp[String(cls)] === undefined) {
      problems.push({
        pointer: '/rating/occupationLoadingsBp',
        rule: 'PRODUCT.OCCUPATION_LOADING',
        message: `occupation class ${cls} is accepted but has no loading`,
        params: { occupationClass: cls },
      });
    }
  }
  for (const mode of p.paymentModes) {
    if (p.rating.modalFactorsBp[mode] === undefined) {
      problems.push({
        pointer: '/rating/modalFactorsBp',
        rule: 'PRODUCT.MODAL_FACTOR',
        message: `payment mode ${mode} has no modal factor`,
        params: { mode },
      });
    }
  }
  return problems;
}
