import { isCalendarDate, type CalendarDate } from '@insurer/platform-time';
import type { RuleViolation } from './rule-violation';

/** GB 11643-1999: 6-digit area, 8-digit birth date, 3-digit sequence (odd male, even female), check character. */
const SOURCE = 'GB 11643-1999';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Province-level area prefixes, plus 81/82/83 used by residence permits for Hong Kong, Macao and Taiwan residents. */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

export interface ResidentIdFacts {
  readonly normalised: string;
  readonly birthDate: CalendarDate;
  readonly gender: 'male' | 'female';
}

export type ResidentIdResult =
  | { readonly ok: true; readonly facts: ResidentIdFacts }
  | { readonly ok: false; readonly violation: RuleViolation };

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Checks an 18-character resident ID number and derives the birth date and gender it encodes. */
export function checkResidentId(raw: string, today: CalendarDate, pointer = '/idNumber'): ResidentIdResult {
  const id = raw.trim().toUpperCase();
  const fail = (rule: string, message: string, params?: RuleViolation['params']): ResidentIdResult => ({
    ok: false,
    violation: { pointer, rule, message, source: SOURCE, ...(params ? { params } : {}) },
  });
  // First-generation cards carried 15 digits (2-digit year, no check character); they stopped being valid in 2013.
  if (/^\d{15}$/.test(id)) {
    return fail(
      'ID.LEGACY_15_DIGIT',
      'a 15-digit resident ID number is from a first-generation card, no longer valid; give the 18-character number on the current card',
    );
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return fail('ID.FORMAT', 'a resident ID number is 17 digits followed by a digit or X');
  }
  if (!PROVINCES.has(Number(id.slice(0, 2)))) {
    return fail('ID.AREA', `area code ${id.slice(0, 6)} names no province`, { area: id.slice(0, 6) });
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01') {
    return fail('ID.BIRTH_DATE', `${id.slice(6, 14)} is not a real birth date`, { digits: id.slice(6, 14) });
  }
  if (birthDate > today) {
    return fail('ID.BIRTH_DATE_FUTURE', `birth date ${birthDate} is in the future`, { birthDate });
  }
  if (residentIdCheckChar(id) !== id[17]) {
    return fail('ID.CHECKSUM', 'the check character does not match the first 17 characters');
  }
  return {
    ok: true,
    facts: { normalised: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
}
