import type { RoundingMode } from './rounding';
import { divideAndRound } from './rounding';
import type { MessageParams } from '@insurer/platform-errors';

export type Gender = 'male' | 'female';
export type PaymentMode = 'single' | 'annual' | 'semi_annual' | 'quarterly' | 'monthly';

export interface RateRow {
  readonly entryAge: number;
  readonly gender: Gender;
  readonly paymentTermYears: number;
  readonly ratePer1000Fen: number;
}

export interface RateTable {
  readonly basis: 'premium_per_1000_sum_insured' | 'sum_insured_per_1000_premium';
  readonly rounding: { readonly mode: RoundingMode; readonly unitFen: 1 | 10 | 100 };
  readonly sumInsuredUnitFen: number;
  readonly occupationLoadingsBp: Readonly<Record<string, number>>;
  readonly modalFactorsBp: Readonly<Partial<Record<PaymentMode, number>>>;
  readonly rows: readonly RateRow[];
}

export interface RatingCell {
  readonly entryAge: number;
  readonly gender: Gender;
  readonly paymentTermYears: number;
  readonly paymentMode: PaymentMode;
  readonly occupationClass: number;
}

export type RatingStart = { readonly sumInsuredFen: number } | { readonly premiumFen: number };

export interface Rating {
  readonly sumInsuredFen: number;
  readonly annualPremiumFen: number;
  /** What is paid each time under the payment mode (equal to the annual premium for annual and single). */
  readonly premiumFen: number;
  readonly ratePer1000Fen: number;
  readonly occupationLoadingBp: number;
  readonly modalFactorBp: number;
}

export type RatingResult =
  | { readonly ok: true; readonly rating: Rating }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly params?: MessageParams };

const PER_1000_YUAN = 100_000n; // 1,000 yuan in fen
const BP = 10_000n;

/**
 * Rates one cell in integer fen. The annual premium is rounded once with the product's rule, and the instalment is
 * rounded from it, as a premium schedule prints them:
 *   premium per 1,000 SI:  annual = SI x rate x (1 + loading) / 1,000 yuan
 *   SI per 1,000 premium:  annual = SI x 1,000 yuan x (1 + loading) / rate
 *   instalment = annual x modal factor
 * Starting from a premium, the sum insured it buys is rounded down to the product's step and the premium recomputed
 * from it, so the quote never costs more than the premium asked for.
 */
export function rate(table: RateTable, cell: RatingCell, start: RatingStart): RatingResult {
  // A single premium is paid once: only the single-pay row (one payment year) prices it. Against an n-year row it
  // would buy n years' worth of cover for one payment.
  if (cell.paymentMode === 'single' && cell.paymentTermYears !== 1) {
    return {
      ok: false,
      code: 'RATING.SINGLE_PREMIUM_TERM',
      message: `a single premium is rated on the single-pay row (1 payment year), not a ${cell.paymentTermYears}-year payment term`,
      params: { paymentTermYears: cell.paymentTermYears },
    };
  }
  const row = table.rows.find(
    (r) =>
      r.entryAge === cell.entryAge &&
      r.gender === cell.gender &&
      r.paymentTermYears === cell.paymentTermYears,
  );
  if (!row) {
    return {
      ok: false,
      code: 'RATING.NO_RATE',
      message: `no rate for entry age ${cell.entryAge}, ${cell.gender}, ${cell.paymentTermYears}-year payment`,
      params: { age: cell.entryAge, gender: cell.gender, paymentTermYears: cell.paymentTermYears },
    };
  }
  const loading = table.occupationLoadingsBp[String(cell.occupationClass)];
  if (loading === undefined) {
    return {
      ok: false,
      code: 'RATING.OCCUPATION_CLASS',
      message: `occupation class ${cell.occupationClass} is not rated`,
      params: { occupationClass: cell.occupationClass },
    };
  }
  const modal = table.modalFactorsBp[cell.paymentMode];
  if (modal === undefined) {
    return {
      ok: false,
      code: 'RATING.PAYMENT_MODE',
      message: `payment mode ${cell.paymentMode} is not offered`,
      params: { mode: cell.paymentMode },
    };
  }
  const r = BigInt(row.ratePer1000Fen);
  const load = BP + BigInt(loading);
  const m = BigInt(modal);
  const unit = BigInt(table.rounding.unitFen);
  const forward = table.basis === 'premium_per_1000_sum_insured';

  const annualFor = (si: bigint): bigint =>
    forward
      ? divideAndRound(si * r * load, PER_1000_YUAN * BP, unit, table.rounding.mode)
      : divideAndRound(si * PER_1000_YUAN * load, r * BP, unit, table.rounding.mode);

  const instalmentFor = (si: bigint): bigint =>
    divideAndRound(annualFor(si) * m, BP, unit, table.rounding.mode);

  let sumInsured: bigint;
  if ('sumInsuredFen' in start) {
    sumInsured = BigInt(start.sumInsuredFen);
  } else {
    // The annual premium the instalment stands for, then the sum insured it buys, down to the product's step.
    const annualBudget = (BigInt(start.premiumFen) * BP) / m;
    const siUnit = BigInt(table.sumInsuredUnitFen);
    sumInsured = forward
      ? divideAndRound(annualBudget * PER_1000_YUAN * BP, r * load, siUnit, 'down')
      : divideAndRound(annualBudget * r * BP, PER_1000_YUAN * load, siUnit, 'down');
    // Rounding the premium to the product's unit can carry it just above the budget: step down to the largest sum
    // insured whose instalment stays within what was asked (the cost grows with the sum insured, so bisect).
    const budget = BigInt(start.premiumFen);
    if (instalmentFor(sumInsured) > budget) {
      let low = 0n;
      let high = sumInsured / siUnit;
      while (low < high) {
        const mid = (low + high + 1n) / 2n;
        if (instalmentFor(mid * siUnit) <= budget) low = mid;
        else high = mid - 1n;
      }
      sumInsured = low * siUnit;
    }
    if (sumInsured === 0n) {
      return {
        ok: false,
        code: 'RATING.PREMIUM_TOO_LOW',
        message: 'the premium buys less than one sum-insured step',
      };
    }
  }
  const annual = annualFor(sumInsured);
  const instalment = divideAndRound(annual * m, BP, unit, table.rounding.mode);
  return {
    ok: true,
    rating: {
      sumInsuredFen: Number(sumInsured),
      annualPremiumFen: Number(annual),
      premiumFen: Number(instalment),
      ratePer1000Fen: row.ratePer1000Fen,
      occupationLoadingBp: loading,
      modalFactorBp: modal,
    },
  };
}

/** The cash value at the end of a policy year, per the product's table (per 1,000 yuan of sum insured). */
export function cashValueFen(
  valuesPer1000Fen: readonly number[],
  policyYear: number,
  sumInsuredFen: number,
): number {
  if (policyYear < 1) return 0;
  const per1000 = valuesPer1000Fen[Math.min(policyYear, valuesPer1000Fen.length) - 1];
  return Number(divideAndRound(BigInt(per1000) * BigInt(sumInsuredFen), PER_1000_YUAN, 1n, 'down'));
}
