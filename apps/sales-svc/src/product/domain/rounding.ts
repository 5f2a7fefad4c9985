export type RoundingMode = 'half_up' | 'half_even' | 'down' | 'up';

/**
 * Divides two non-negative integers and rounds the quotient to a multiple of `unit` with the product's rule. BigInt
 * keeps every intermediate product exact: a sum insured of 10 million yuan times a rate times two factors overflows
 * 2^53.
 */
export function divideAndRound(
  numerator: bigint,
  denominator: bigint,
  unit: bigint,
  mode: RoundingMode,
): bigint {
  if (denominator <= 0n || numerator < 0n || unit <= 0n)
    throw new RangeError('expected non-negative operands');
  const scaled = denominator * unit;
  const quotient = numerator / scaled;
  const remainder = numerator % scaled;
  if (remainder === 0n) return quotient * unit;
  const twice = remainder * 2n;
  let roundUp: boolean;
  switch (mode) {
    case 'down':
      roundUp = false;
      break;
    case 'up':
      roundUp = true;
      break;
    case 'half_up':
      roundUp = twice >= scaled;
      break;
    case 'half_even':
      roundUp = twice > scaled || (twice === scaled && quotient % 2n === 1n);
      break;
  }
  return (roundUp ? quotient + 1n : quotient) * unit;
}
