/**
 * Policy numbers: `P`, the 4-digit issue year, a 10-digit sequence and a Luhn check digit, so a mistyped number is
 * caught before it reaches a lookup (the Luhn digit detects every single-digit error and most transpositions).
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function policyNumber(year: number, sequence: number): string {
  const body = `${year}${String(sequence).padStart(10, '0')}`;
  return `P${body}${luhnCheckDigit(body)}`;
}

export function isValidPolicyNumber(value: string): boolean {
  const m = /^P(\d{14})(\d)$/.exec(value);
  return m !== null && luhnCheckDigit(m[1]) === Number(m[2]);
}
