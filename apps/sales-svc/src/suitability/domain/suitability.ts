import { SOURCES, type Reason } from './sources';

import type { ProductGrade, RiskLevel } from '../../regulation/domain/grades';

export type { ProductGrade, RiskLevel } from '../../regulation/domain/grades';
export type Outcome = 'suitable' | 'mismatch' | 'advise_stop' | 'acknowledged';

export interface SuitabilityInput {
  readonly product: {
    readonly type: string;
    readonly riskGrade: ProductGrade;
    readonly maxSumInsuredIncomeMultiple?: number;
  };
  readonly customer: {
    readonly age: number;
    readonly riskLevel: RiskLevel | null;
    readonly riskValidUntil: string | null;
    readonly annualIncomeFen?: number | null;
    readonly householdIncomeFen?: number | null;
    readonly existingCoverFen?: number | null;
  };
  readonly sale: {
    readonly sumInsuredFen: number;
    readonly annualPremiumFen: number;
    readonly paymentMode: string;
    readonly paymentTermYears: number;
  };
  /** In-force policies of the same product type the insured already holds (from contract events). */
  readonly similarPoliciesInForce: number;
  /** The customer signed a declaration that they understand and still want it. */
  readonly acknowledged: boolean;
  readonly today: string;
}

export interface SuitabilityResult {
  readonly outcome: Outcome;
  /** Refusals no signature can lift. */
  readonly hard: Reason[];
  /** "Advise to stop" findings a signed declaration can lift. */
  readonly soft: Reason[];
}

/** Products whose benefits move with investment results: the bank-channel declaration rules apply to them. */
export function isVariableBenefit(productType: string): boolean {
  return productType === 'unit_linked';
}

/** The suitability matrix: a customer at level Cn may buy products graded R1..Rn. */
export function gradeFitsLevel(grade: ProductGrade, level: RiskLevel): boolean {
  return Number(grade.slice(1)) <= Number(level.slice(1));
}

/**
 * Products where cover the insured already holds of the same type duplicates the new one (NFRA Order 2023 No. 2: advise
 * the buyer to stop where cover duplicates): medical cover is indemnity and does not pay twice; accident and
 * critical-illness benefits add up, so further policies need a need that justifies them. Life cover is judged by the
 * income multiple instead (over-insurance below).
 */
const DUPLICATE_COVER: Readonly<Record<string, string>> = {
  medical: 'medical policy in force; indemnity cover does not pay twice',
  accident: 'accident policy in force; check the need before adding benefits that add up',
  critical_illness: 'critical-illness policy in force; check the need before adding benefits that add up',
};

/**
 * The check run before a quote and again at application. Hard findings (no valid assessment, a product above the
 * customer's level, unknown means, over-insurance) refuse the sale. Soft findings (premium beyond the affordability
 * thresholds, duplicated medical, accident or critical-illness cover, age plus payment years at 60 or more on a variable-benefit product) mean
 * "advise the buyer to stop"; the sale continues only with the buyer's signed declaration.
 */
export function assessSuitability(input: SuitabilityInput): SuitabilityResult {
  const { product, customer, sale, today } = input;
  const hard: Reason[] = [];
  const soft: Reason[] = [];

  if (!customer.riskLevel || !customer.riskValidUntil) {
    hard.push({
      code: 'SUITABILITY.NO_ASSESSMENT',
      message: 'the customer has no risk-tolerance assessment',
      source: SOURCES.suitability,
    });
  } else if (customer.riskValidUntil < today) {
    hard.push({
      code: 'SUITABILITY.ASSESSMENT_EXPIRED',
      message: `the risk-tolerance assessment expired on ${customer.riskValidUntil}; assess again`,
      params: { validUntil: customer.riskValidUntil },
      source: SOURCES.suitability,
    });
  } else if (!gradeFitsLevel(product.riskGrade, customer.riskLevel)) {
    hard.push({
      code: 'SUITABILITY.LEVEL',
      message: `product grade ${product.riskGrade} is above the customer's risk level ${customer.riskLevel}`,
      params: { productGrade: product.riskGrade, customerLevel: customer.riskLevel },
      source: SOURCES.suitability,
    });
  }

  const household = customer.householdIncomeFen ?? null;
  if (household === null || household === 0) {
    hard.push({
      code: 'SUITABILITY.MEANS_UNKNOWN',
      message: "the customer's household income must be known to judge affordability",
      source: SOURCES.salesConduct,
    });
  } else {
    if (sale.paymentMode === 'single' && sale.annualPremiumFen > household * 4) {
      soft.push({
        code: 'AFFORDABILITY.SINGLE_PREMIUM',
        message: 'the single premium is more than 4 times the household income',
        source: SOURCES.bankChannel,
      });
    }
    if (sale.paymentMode !== 'single' && sale.annualPremiumFen * 5 > household) {
      soft.push({
        code: 'AFFORDABILITY.ANNUAL_PREMIUM',
        message: 'the annual premium is more than 20% of the household income',
        source: SOURCES.bankChannel,
      });
    }
  }
  if (isVariableBenefit(product.type) && sale.paymentTermYears + customer.age >= 60) {
    soft.push({
      code: 'AFFORDABILITY.AGE_PLUS_TERM',
      message: `payment years (${sale.paymentTermYears}) plus age (${customer.age}) reach 60`,
      params: { paymentTermYears: sale.paymentTermYears, age: customer.age },
      source: SOURCES.bankChannel,
    });
  }
  const duplicate = DUPLICATE_COVER[product.type];
  if (duplicate && input.similarPoliciesInForce > 0) {
    soft.push({
      code: 'SUITABILITY.DUPLICATE_COVER',
      message: `the insured already has ${input.similarPoliciesInForce} ${duplicate}`,
      params: { count: input.similarPoliciesInForce },
      source: SOURCES.salesConduct,
    });
  }
  const income = customer.annualIncomeFen ?? null;
  if (product.maxSumInsuredIncomeMultiple !== undefined && income !== null) {
    const total = (customer.existingCoverFen ?? 0) + sale.sumInsuredFen;
    if (total > income * product.maxSumInsuredIncomeMultiple) {
      hard.push({
        code: 'SUITABILITY.OVER_INSURED',
        message: `existing and new cover (${total / 100} yuan) exceed ${product.maxSumInsuredIncomeMultiple} times the annual income`,
        params: { totalYuan: total / 100, multiple: product.maxSumInsuredIncomeMultiple },
        source: SOURCES.salesConduct,
      });
    }
  }

  const outcome: Outcome = hard.length
    ? 'mismatch'
    : soft.length === 0
      ? 'suitable'
      : input.acknowledged
        ? 'acknowledged'
        : isVariableBenefit(product.type)
          ? 'mismatch'
          : 'advise_stop';
  return { outcome, hard, soft };
}
