import {
  REQUIRED_TRAINING_HOURS,
  annualTraining,
  type EventPayload,
  type TrainingFacts,
} from '@insurer/contracts';
import type { ProductGrade } from '../../regulation/domain/grades';
import { SOURCES, type Reason } from '../../regulation/domain/sources';

export type SalespersonGrade = 'G1' | 'G2' | 'G3';
export { REQUIRED_TRAINING_HOURS };

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
  /** Hours per calendar year and the start date: the annual requirement's facts (libs/contracts training-year). */
  readonly training: TrainingFacts;
  readonly status: 'active' | 'suspended' | 'departed';
}

/**
 * The standing a sale's event carries: what this rule read when it let the sale through, so a consumer judges the
 * sale as of its day rather than by the salesperson's registration as it later stands.
 */
export function standingAtSale(
  person: SalespersonStanding,
): NonNullable<EventPayload<'sales.quote-issued'>['salespersonStanding']> {
  return {
    grade: person.grade,
    maxProductGrade: person.grade ? MAX_PRODUCT_GRADE[person.grade] : null,
    licenceNumber: person.licenceNumber,
    licenceValidUntil: person.licenceValidUntil,
    trainingHoursByYear: { ...person.training.hoursByYear },
    serviceStartedOn: person.training.serviceStartedOn,
    status: person.status,
  };
}

/**
 * May this salesperson quote or submit this product today? Each missing condition is its own reason: the status, a
 * grade, a licence valid today, the annual 30 hours of training (last year's or this year's, or a first year of
 * service), and a grade that covers the product's risk grade.
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
      params: { salespersonId: person.salespersonId, status: person.status },
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
  const training = annualTraining(person.training, today);
  if (!training.met) {
    const year = Number(today.slice(0, 4));
    reasons.push({
      code: 'SALESPERSON.UNDERTRAINED',
      message: `${training.hoursLastYear} training hours in ${year - 1} and ${training.hoursThisYear} so far in ${year}; ${REQUIRED_TRAINING_HOURS} in a year are required`,
      params: {
        hoursLastYear: training.hoursLastYear,
        lastYear: String(year - 1),
        hoursThisYear: training.hoursThisYear,
        thisYear: String(year),
        required: REQUIRED_TRAINING_HOURS,
      },
      source,
    });
  }
  if (person.grade && Number(productGrade.slice(1)) > Number(MAX_PRODUCT_GRADE[person.grade].slice(1))) {
    reasons.push({
      code: 'SALESPERSON.GRADE_TOO_LOW',
      message: `grade ${person.grade} may sell up to ${MAX_PRODUCT_GRADE[person.grade]}, not ${productGrade}`,
      params: { grade: person.grade, maxGrade: MAX_PRODUCT_GRADE[person.grade], productGrade },
      source,
    });
  }
  return reasons;
}
