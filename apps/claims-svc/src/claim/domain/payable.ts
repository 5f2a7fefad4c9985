export interface CoverageLimits {
  /** Share of the sum insured this coverage pays at most. */
  readonly sumInsuredPercent: number;
  readonly deductibleFen: number;
  readonly coPaymentPercent: number;
  readonly annualLimitFen?: number;
  readonly lifetimeLimitFen?: number;
}

export interface PayableInput {
  readonly claimType: string;
  readonly amountClaimedFen: number;
  readonly sumInsuredFen: number;
  readonly coverage: CoverageLimits;
  /** Paid earlier on this coverage in the same policy year, and in the policy's life. */
  readonly paidThisYearFen: number;
  readonly paidLifetimeFen: number;
  /** Deductible already absorbed by earlier claims this policy year. */
  readonly deductibleUsedFen: number;
}

export interface PayableBreakdown {
  readonly payableFen: number;
  readonly steps: { step: string; amountFen: number }[];
}

/** Medical expenses are indemnity: the deductible and co-payment apply and the bill is the ceiling. */
export function isIndemnity(claimType: string): boolean {
  return claimType === 'hospitalisation' || claimType === 'outpatient';
}

/**
 * The payable amount, step by step so a claims handler can explain it. Indemnity cover pays the bill after the
 * remaining deductible and the co-payment; benefit cover pays up to the coverage's share of the sum insured. Both stop at
 * what is left of the annual and lifetime limits after earlier payments.
 */
export function payableAmount(input: PayableInput): PayableBreakdown {
  const steps: { step: string; amountFen: number }[] = [];
  const cap = Math.floor((input.sumInsuredFen * input.coverage.sumInsuredPercent) / 100);
  let amount = input.amountClaimedFen;
  steps.push({ step: 'claimed', amountFen: amount });
  if (isIndemnity(input.claimType)) {
    const deductible = Math.max(0, input.coverage.deductibleFen - input.deductibleUsedFen);
    amount = Math.max(0, amount - deductible);
    steps.push({ step: 'after remaining deductible', amountFen: amount });
    amount = Math.floor((amount * (100 - input.coverage.coPaymentPercent)) / 100);
    steps.push({ step: 'after co-payment', amountFen: amount });
  }
  amount = Math.min(
    amount,
    Math.max(0, cap - (isIndemnity(input.claimType) ? input.paidThisYearFen : input.paidLifetimeFen)),
  );
  steps.push({ step: 'within the coverage sum insured', amountFen: amount });
  if (input.coverage.annualLimitFen !== undefined) {
    amount = Math.min(amount, Math.max(0, input.coverage.annualLimitFen - input.paidThisYearFen));
    steps.push({ step: 'within the annual limit', amountFen: amount });
  }
  if (input.coverage.lifetimeLimitFen !== undefined) {
    amount = Math.min(amount, Math.max(0, input.coverage.lifetimeLimitFen - input.paidLifetimeFen));
    steps.push({ step: 'within the lifetime limit', amountFen: amount });
  }
  return { payableFen: amount, steps };
}

/** The deductible a claim absorbs, for the next claim of the year. */
export function deductibleAbsorbed(input: PayableInput): number {
  if (!isIndemnity(input.claimType)) return 0;
  const remaining = Math.max(0, input.coverage.deductibleFen - input.deductibleUsedFen);
  return Math.min(remaining, input.amountClaimedFen);
}
