import { SOURCES, type Reason } from '../../suitability/domain/sources';
import type { ProductGrade } from '../../suitability/domain/suitability';

export type SalespersonGrade = 'G1' | 'G2' | 'G3';
export const REQUIRED_TRAINING_HOURS = 30;

/** Which product risk grades each salesperson grade may sell (the insurer's grading under NFRA Order 2023 No. 2). */
export const MAX_PRODUCT_GRADE: Readonly<Record<SalespersonGrade, ProductGrade>> = {
  G1: 'R2',
  G2: 'R3',
  G3: 'R5',
};

export interface SalespersonStanding {
  readonly salespersonId: string;
  readonly grade: SalespersonGrade | null;
  readonly licenceNumber: string | null;
  readonly licenceValidUntil: string | null;
  readonly trainingHoursThisYear: number;
  readonly status: 'active' | 'suspended' | 'departed';
}

/**
 * May this salesperson quote or submit this product today? Each missing condition is its own reason: the status, a
 * grade, a licence valid today, 30 hours of training this year, and a grade that covers the product's risk grade.
 */
export function salesAuthority(
  person: SalespersonStanding,
  productGrade: ProductGrade,
  today: string,
): Reason[] {
  const reasons: Reason[] = [];
  const source = SOURCES.salesConduct;
  if (person.status !== 'active') {
    reasons.push({
      code: 'SALESPERSON.INACTIVE',
      message: `salesperson ${person.salespersonId} is ${person.status}`,
      source,
    });
  }
  if (!person.grade) {
    reasons.push({ code: 'SALESPERSON.UNGRADED', message: 'the salesperson has no sales grade', source });
  }
  if (!person.licenceNumber || !person.licenceValidUntil || person.licenceValidUntil < today) {
    reasons.push({
      code: 'SALESPERSON.UNLICENSED',
      message: 'the salesperson has no licence valid today',
      source,
    });
  }
  if (person.trainingHoursThisYear < REQUIRED_TRAINING_HOURS) {
    reasons.push({
      code: 'SALESPERSON.UNDERTRAINED',
      message: `${person.trainingHoursThisYear} training hours this year; ${REQUIRED_TRAINING_HOURS} are required`,
      source,
    });
  }
  if (person.grade && Number(productGrade.slice(1)) > Number(MAX_PRODUCT_GRADE[person.grade].slice(1))) {
    reasons.push({
      code: 'SALESPERSON.GRADE_TOO_LOW',
      message: `grade ${person.grade} may sell up to ${MAX_PRODUCT_GRADE[person.grade]}, not ${productGrade}`,
      source,
    });
  }
  return reasons;
}
