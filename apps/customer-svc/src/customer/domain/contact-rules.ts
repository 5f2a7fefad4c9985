import type { RuleViolation } from './rule-violation';

/** Mainland mobile numbers: 11 digits, 1 then 3-9, then 9 digits. */
export function checkMobile(mobile: string, pointer = '/mobile'): RuleViolation | null {
  return /^1[3-9]\d{9}$/.test(mobile)
    ? null
    : {
        pointer,
        rule: 'CONTACT.MOBILE',
        message: 'a mainland mobile number is 11 digits starting with 13-19',
      };
}

/** GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, S, V, Z) and the weights. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** A corporate payer's unified social credit code: 18 characters of the code set, digits for the area, a check character. */
export function checkUscc(raw: string, pointer = '/idNumber'): RuleViolation | null {
  const code = raw.trim().toUpperCase();
  const source = 'GB 32100-2015';
  if (code.length !== 18 || [...code].some((c) => !USCC_CHARS.includes(c))) {
    return {
      pointer,
      rule: 'USCC.FORMAT',
      message: 'a unified social credit code is 18 characters of 0-9 and A-Y without I, O, S, V, Z',
      source,
    };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { pointer, rule: 'USCC.AREA', message: 'characters 3-8 must be a numeric area code', source };
  }
  if (usccCheckChar(code) !== code[17]) {
    return {
      pointer,
      rule: 'USCC.CHECKSUM',
      message: 'the check character does not match the first 17 characters',
      source,
    };
  }
  return null;
}
