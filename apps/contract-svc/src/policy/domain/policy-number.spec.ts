import { isValidPolicyNumber, luhnCheckDigit, policyNumber } from './policy-number';

describe('policy numbers', () => {
  it('computes the Luhn check digit (7992739871 -> 3, the textbook example)', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('builds P + year + 10-digit sequence + check digit, and validates it', () => {
    const n = policyNumber(2026, 42);
    expect(n).toMatch(/^P20260000000042\d$/);
    expect(isValidPolicyNumber(n)).toBe(true);
  });

  it('rejects a single wrong digit and a swap of neighbours', () => {
    const n = policyNumber(2026, 1234567);
    const wrongDigit = n.slice(0, 8) + String((Number(n[8]) + 1) % 10) + n.slice(9);
    const swapped = n.slice(0, 10) + n[11] + n[10] + n.slice(12);
    expect(isValidPolicyNumber(wrongDigit)).toBe(false);
    // Sequence 0001234567: positions 10 and 11 hold 3 and 4, so the swap really changes the number.
    expect([n[10], n[11]]).toEqual(['3', '4']);
    expect(isValidPolicyNumber(swapped)).toBe(false);
    expect(isValidPolicyNumber('X20260000000042')).toBe(false);
  });
});
