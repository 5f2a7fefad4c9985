/** `YYYY-MM-DD`, Asia/Shanghai. */
type CalendarDate = string;

/**
 * Product rules more than one service applies to the same policy, written once so that they agree: the sum insured
 * that grows each policy year (contract-svc and claims-svc), and the balance of a policy loan (contract-svc, which
 * lends, and claims-svc, which deducts it from a benefit).
 */

// The published package depends on zod alone, so the two calendar steps these rules need are kept here, with the
// same month-end rule as @insurer/platform-time (31 January + 1 month = 28/29 February).
const utc = (date: CalendarDate): number =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));

function addMonths(date: CalendarDate, months: number): CalendarDate {
  const first = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(+date.slice(8, 10), last));
  return first.toISOString().slice(0, 10);
}

const addYears = (date: CalendarDate, years: number): CalendarDate => addMonths(date, 12 * years);
const daysBetween = (from: CalendarDate, to: CalendarDate): number =>
  Math.round((utc(to) - utc(from)) / 86_400_000);

/** The policy year a date falls in: year 1 runs from the effective date to the day before its first anniversary. */
export function policyYearOn(effectiveDate: CalendarDate, on: CalendarDate): number {
  let year = 1;
  while (addYears(effectiveDate, year) <= on) year += 1;
  return year;
}

/**
 * Insurance Law Art. 87: a contract's records are kept 5 years after it ends when its term is one year or less, 10
 * years when longer.
 */
export function recordsRetentionYears(effectiveDate: CalendarDate, expiryDate: CalendarDate): 5 | 10 {
  return addYears(effectiveDate, 1) >= expiryDate ? 5 : 10;
}

/**
 * The effective sum insured (有效保险金额) of policy year n under a compound growth of `percent` a year:
 * basic x (1 + percent/100)^(n-1), computed exactly and rounded half up to the fen once (not year by year), as the
 * published formula reads. Without growth it is the basic sum insured.
 */
export function effectiveSumInsuredFen(
  basicFen: number,
  growth: { compoundPercent: number } | undefined,
  policyYear: number,
): number {
  if (!growth || growth.compoundPercent === 0 || policyYear <= 1) return basicFen;
  // Percent to basis points of basis points (1e-4 %) keeps 2.5% or 3.05% exact in integers.
  const scale = 1_000_000n;
  const factor = scale + BigInt(Math.round(growth.compoundPercent * 10_000));
  const years = BigInt(policyYear - 1);
  const numerator = BigInt(basicFen) * factor ** years;
  const denominator = scale ** years;
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

export interface LoanTerms {
  /** Share of the cash value (less any loan outstanding) that may be lent, e.g. 80. */
  readonly maxCashValuePercent: number;
  /** How long each loan period runs, e.g. 6 months; unpaid at its end, the loan rolls over with its interest. */
  readonly termMonths: number;
  /** Simple interest a year, in percent, counted by the day on a 365-day year. */
  readonly annualRatePercent: number;
}

export interface LoanBalance {
  /** What is owed: the principal of the current period, which includes interest capitalised at each roll-over. */
  readonly principalFen: number;
  readonly interestFen: number;
  readonly totalFen: number;
  /** The start of the current loan period. */
  readonly periodStart: CalendarDate;
}

/**
 * What a loan taken on `takenOn` owes on `on`: simple interest by the day within each period, each period's interest
 * added to the principal when the period ends unpaid (a roll-over), each rounded half up to the fen.
 */
export function loanBalance(
  principalFen: number,
  annualRatePercent: number,
  termMonths: number,
  takenOn: CalendarDate,
  on: CalendarDate,
): LoanBalance {
  let principal = BigInt(principalFen);
  const rate = BigInt(Math.round(annualRatePercent * 10_000)); // 1e-4 % units
  const interestFor = (p: bigint, days: number): bigint => {
    const d = 365n * 100n * 10_000n;
    return (p * rate * BigInt(days) * 2n + d) / (2n * d);
  };
  let start = takenOn;
  let period = 1;
  for (;;) {
    const end = addMonths(takenOn, termMonths * period);
    if (end > on) break;
    principal += interestFor(principal, daysBetween(start, end));
    start = end;
    period += 1;
  }
  const interest = interestFor(principal, daysBetween(start, on));
  return {
    principalFen: Number(principal),
    interestFen: Number(interest),
    totalFen: Number(principal + interest),
    periodStart: start,
  };
}

/**
 * Whether any of a product's coverages pays on death: Insurance Law Arts. 33 and 34 (the insured's consent, minors'
 * caps, transfer and pledge) read it, when a policy is sold (sales) and when it changes hands (contract).
 */
export function paysOnDeath(coverages: readonly { readonly claimTypes: readonly string[] }[]): boolean {
  return coverages.some((c) => c.claimTypes.includes('death'));
}
