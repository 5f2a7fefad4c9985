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
});
export type ProductDefinition = z.infer<typeof ProductDefinition>;
