/** How the demo and the tests' stories say amounts, ratios and cooling-off: one format, as the dashboard shows them. */

const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Fen as yuan with thousands separators and two decimals: 123456789 -> "1,234,567.89 yuan". */
export function yuan(fen: number): string {
  return `${YUAN.format(fen / 100)} yuan`;
}

/** A ratio as a percentage with one decimal: 2.4 -> "240.0%". */
export function percent(ratio: number | null): string {
  return ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)}%`;
}

/**
 * The cooling-off clause of an issued policy: named only when the product has one, i.e. it ends after the policy was
 * issued (a product without cooling-off gives its issue day as the end).
 */
export function coolingOff(issuedOn: string, coolingOffEndsOn: string | null | undefined): string {
  return coolingOffEndsOn && coolingOffEndsOn > issuedOn
    ? `, cooling-off until ${coolingOffEndsOn}`
    : ', no cooling-off period';
}
