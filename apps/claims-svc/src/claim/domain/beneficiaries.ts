/**
 * Who takes a death benefit (Insurance Law Arts. 40, 42): the named beneficiaries in the shares named (equal shares
 * when the policy names none), or, with no beneficiary, the insured's estate through the statutory heirs. No I/O.
 */

export interface Beneficiary {
  readonly name: string;
  readonly relationship: string;
  readonly sharePercent: number;
  readonly customerId?: string;
}

export interface BenefitShare {
  readonly name: string;
  readonly customerId: string | null;
  readonly sharePercent: number;
  readonly amountFen: number;
}

/** Who takes the benefit when no beneficiary is named: the estate, paid to the statutory heirs. */
export const STATUTORY_HEIRS = '法定继承人 (statutory heirs: the insured’s estate, Art. 42)';

/**
 * The amount split to the fen: each share rounded down, and the fen left over go one each to the largest remainders
 * (ties to the earlier-named), so the lines always add up to the amount.
 */
export function splitDeathBenefit(amountFen: number, beneficiaries: readonly Beneficiary[]): BenefitShare[] {
  if (beneficiaries.length === 0)
    return [{ name: STATUTORY_HEIRS, customerId: null, sharePercent: 100, amountFen }];
  // Shares in hundredths of a percent; none named on any (all zero) means equal shares (Art. 40).
  const named = beneficiaries.map((b) => Math.round(b.sharePercent * 100));
  const total = named.reduce((s, x) => s + x, 0);
  const weights = total === 0 ? beneficiaries.map(() => 1) : named;
  const weightTotal = weights.reduce((s, x) => s + x, 0);
  const exact = weights.map((w) => (BigInt(amountFen) * BigInt(w)) / BigInt(weightTotal));
  const remainders = weights.map((w, i) => ({
    i,
    r: (BigInt(amountFen) * BigInt(w)) % BigInt(weightTotal),
  }));
  let left = amountFen - exact.reduce((s, x) => s + Number(x), 0);
  const extra = new Array<number>(beneficiaries.length).fill(0);
  for (const { i } of [...remainders].sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i))) {
    if (left === 0) break;
    extra[i] += 1;
    left -= 1;
  }
  return beneficiaries.map((b, i) => ({
    name: b.name,
    customerId: b.customerId ?? null,
    sharePercent: total === 0 ? Math.round(10_000 / beneficiaries.length) / 100 : b.sharePercent,
    amountFen: Number(exact[i]) + extra[i],
  }));
}

/**
 * Who may report a claim as a customer: the insured for their own cover; on death, a named beneficiary or the
 * policyholder (the insured cannot). Staff and integrators report for anyone.
 */
export function mayReportClaim(
  customerId: string,
  policy: { insuredId: string; policyholderId: string; beneficiaries: readonly Beneficiary[] },
  claimType: string,
): boolean {
  if (claimType !== 'death') return customerId === policy.insuredId;
  return (
    customerId === policy.policyholderId || policy.beneficiaries.some((b) => b.customerId === customerId)
  );
}
