import { z } from 'zod';
import {
  CalendarDate,
  ClaimType,
  Fen,
  Gender,
  Id,
  PaymentMode,
  Percent,
  ProductRiskGrade,
  ProductType,
} from '../primitives';

export const Coverage = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  claimTypes: z.array(ClaimType).min(1),
  /** Share of the policy's sum insured this coverage pays at most. */
  sumInsuredPercent: Percent,
  waitingPeriodDays: z.number().int().min(0),
  deductibleFen: Fen,
  coPaymentPercent: Percent,
  annualLimitFen: Fen.optional(),
  lifetimeLimitFen: Fen.optional(),
  exclusions: z.array(z.string()),
});

/** Cash value per 1,000 of sum insured at the end of each policy year, in fen, for one rating cell. */
export const CashValueRow = z.object({
  entryAge: z.number().int().min(0).max(120),
  gender: Gender,
  paymentTermYears: z.number().int().min(1),
  valuesPer1000Fen: z.array(Fen).min(1),
});

/**
 * One cell of a rate table: fen per 1,000 yuan of the other side. For protection products that is the annual premium per
 * 1,000 yuan of sum insured; for savings products (基本保险金额表) the sum insured per 1,000 yuan of annual premium.
 */
export const RateRow = z.object({
  entryAge: z.number().int().min(0).max(120),
  gender: Gender,
  paymentTermYears: z.number().int().min(1),
  ratePer1000Fen: z.number().int().positive(),
});

export const RateTable = z.object({
  basis: z.enum(['premium_per_1000_sum_insured', 'sum_insured_per_1000_premium']),
  /** How the annual and the instalment premium are rounded, e.g. half up to the fen. */
  rounding: z.object({
    mode: z.enum(['half_up', 'half_even', 'down', 'up']),
    unitFen: z.union([z.literal(1), z.literal(10), z.literal(100)]),
  }),
  /** Steps a sum insured computed from a premium is rounded down to (e.g. 100000 fen = 1,000 yuan). */
  sumInsuredUnitFen: z.number().int().positive(),
  /** Extra premium by occupation class in basis points (1500 = +15%); classes the product accepts must be listed. */
  occupationLoadingsBp: z.record(z.string().regex(/^[1-6]$/), z.number().int().min(0).max(50_000)),
  /** Each instalment as a share of the annual premium in basis points (monthly 900 = 0.09); single and annual 10000. */
  modalFactorsBp: z.partialRecord(PaymentMode, z.number().int().positive().max(10_000)),
  rows: z.array(RateRow).min(1),
});

/** The full definition of one product version: what contract-svc and claims-svc replicate. */
export const ProductDefinition = z.object({
  productId: Id,
  productCode: z.string().min(1),
  version: z.number().int().positive(),
  name: z.string().min(1),
  type: ProductType,
  riskGrade: ProductRiskGrade,
  isLife: z.boolean(),
  effectiveFrom: CalendarDate,
  entryAge: z.object({ min: z.number().int().min(0), max: z.number().int().max(120) }),
  occupationClasses: z.array(z.number().int().min(1).max(6)).min(1),
  coverageTermsYears: z.array(z.number().int().min(1)).min(1),
  paymentTermsYears: z.array(z.number().int().min(1)).min(1),
  paymentModes: z.array(PaymentMode).min(1),
  coolingOffDays: z.number().int().min(0),
  dualRecordingRequired: z.boolean(),
  maxSumInsuredIncomeMultiple: z.number().positive().optional(),
  limitationYears: z.number().int().positive(),
  coverages: z.array(Coverage).min(1),
  cashValues: z.array(CashValueRow),
  /** Added in place (additive): products published before it carry no rate table. */
  rates: RateTable.optional(),
  sumInsuredRangeFen: z.object({ min: Fen, max: Fen }).optional(),
  /**
   * The sum insured grows each policy year (增额): effective = basic x (1 + percent)^(year - 1). Added in 1.x;
   * cash values stay tabled per 1,000 of the basic sum insured, as published tables are.
   */
  sumInsuredGrowth: z.object({ compoundPercent: z.number().positive().max(10) }).optional(),
  /**
   * Survival benefits (生存保险金) as product data (added in 1.x): a share of the basic sum insured paid to the insured
   * on each anniversary that ends a policy year from `fromPolicyYear` to `toPolicyYear`, while the policy is in force.
   */
  survivalBenefits: z
    .array(
      z.object({
        fromPolicyYear: z.number().int().min(1),
        toPolicyYear: z.number().int().min(1),
        sumInsuredPercent: z.number().positive().max(1000),
      }),
    )
    .optional(),
  /** A maturity benefit (满期保险金): a share of the basic sum insured paid when cover ends with the insured alive. */
  maturityBenefitPercent: z.number().positive().max(1000).optional(),
  /** Policy loans (保单贷款) the product allows (added in 1.x): share of the cash value, period, interest. */
  policyLoan: z
    .object({
      maxCashValuePercent: z.number().positive().max(100),
      termMonths: z.number().int().min(1).max(12),
      annualRatePercent: z.number().min(0).max(36),
    })
    .optional(),
});
export type ProductDefinition = z.infer<typeof ProductDefinition>;
