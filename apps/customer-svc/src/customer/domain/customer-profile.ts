import { completedYears, type CalendarDate } from '@insurer/platform-time';
import { checkMobile, checkUscc } from './contact-rules';
import type { ProfileField } from './field-catalogue';
import { checkResidentId } from './resident-id';
import type { RuleViolation } from './rule-violation';

export type IdType = 'resident_id' | 'passport' | 'uscc';
export type CustomerType = 'individual' | 'corporate';

/** Everything customer-svc knows about a person or company; held encrypted under the customer's data key. */
export interface PersonalProfile {
  name: string;
  idType: IdType;
  idNumber: string;
  gender?: 'male' | 'female';
  birthDate?: CalendarDate;
  mobile?: string;
  email?: string;
  address?: string;
  occupation?: string;
  occupationClass?: number;
  annualIncomeFen?: number;
  householdIncomeFen?: number;
  existingCoverFen?: number;
  dependants?: number;
  purchaseIntent?: string;
  bankAccount?: string;
}

export function customerTypeOf(idType: IdType): CustomerType {
  return idType === 'uscc' ? 'corporate' : 'individual';
}

export type ProfileCheck =
  | { readonly ok: true; readonly profile: PersonalProfile }
  | { readonly ok: false; readonly violations: RuleViolation[] };

/**
 * Checks a whole profile and completes what the ID number proves: a resident ID yields the birth date and gender,
 * which must equal any declared ones (GB 11643-1999); a corporate payer needs a valid credit code.
 */
export function checkProfile(input: PersonalProfile, today: CalendarDate): ProfileCheck {
  const violations: RuleViolation[] = [];
  const profile: PersonalProfile = { ...input, idNumber: input.idNumber.trim().toUpperCase() };

  if (profile.idType === 'resident_id') {
    const id = checkResidentId(profile.idNumber, today);
    if (!id.ok) {
      violations.push(id.violation);
    } else {
      if (profile.birthDate !== undefined && profile.birthDate !== id.facts.birthDate) {
        violations.push({
          pointer: '/birthDate',
          rule: 'ID.BIRTH_DATE_MISMATCH',
          message: `declared ${profile.birthDate} but the ID number encodes ${id.facts.birthDate}`,
          params: { declared: profile.birthDate, encoded: id.facts.birthDate },
          source: 'GB 11643-1999',
        });
      }
      if (profile.gender !== undefined && profile.gender !== id.facts.gender) {
        violations.push({
          pointer: '/gender',
          rule: 'ID.GENDER_MISMATCH',
          message: `declared ${profile.gender} but the ID number's sequence encodes ${id.facts.gender}`,
          params: { declared: profile.gender, encoded: id.facts.gender },
          source: 'GB 11643-1999',
        });
      }
      profile.birthDate ??= id.facts.birthDate;
      profile.gender ??= id.facts.gender;
    }
  } else if (profile.idType === 'uscc') {
    const uscc = checkUscc(profile.idNumber);
    if (uscc) violations.push(uscc);
    for (const field of ['gender', 'birthDate', 'occupationClass', 'dependants'] as const) {
      if (profile[field] !== undefined) {
        violations.push({
          pointer: `/${field}`,
          rule: 'PROFILE.NOT_FOR_CORPORATE',
          message: `${field} does not apply to a corporate payer`,
          params: { field },
        });
      }
    }
  } else if (!/^[A-Z0-9]{5,20}$/.test(profile.idNumber)) {
    violations.push({
      pointer: '/idNumber',
      rule: 'ID.PASSPORT_FORMAT',
      message: 'a passport number is 5-20 letters or digits',
    });
  }

  if (profile.birthDate !== undefined && profile.idType !== 'resident_id') {
    if (profile.birthDate > today) {
      violations.push({
        pointer: '/birthDate',
        rule: 'PROFILE.BIRTH_DATE_FUTURE',
        message: 'birth date is in the future',
      });
    } else if (completedYears(profile.birthDate, today) > 120) {
      violations.push({
        pointer: '/birthDate',
        rule: 'PROFILE.BIRTH_DATE_RANGE',
        message: 'birth date is over 120 years ago',
      });
    }
  }
  if (profile.mobile !== undefined) {
    const mobile = checkMobile(profile.mobile);
    if (mobile) violations.push(mobile);
  }
  if (
    profile.annualIncomeFen !== undefined &&
    profile.householdIncomeFen !== undefined &&
    profile.householdIncomeFen < profile.annualIncomeFen
  ) {
    violations.push({
      pointer: '/householdIncomeFen',
      rule: 'PROFILE.HOUSEHOLD_INCOME',
      message: "household income cannot be below the customer's own income",
    });
  }
  if (profile.bankAccount !== undefined && !/^\d{12,30}$/.test(profile.bankAccount)) {
    violations.push({
      pointer: '/bankAccount',
      rule: 'PROFILE.BANK_ACCOUNT',
      message: 'a bank account number is 12-30 digits',
    });
  }
  return violations.length ? { ok: false, violations } : { ok: true, profile };
}

export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

/** What differs between two versions of a profile, field by field. */
export function diffProfiles(
  before: PersonalProfile,
  after: PersonalProfile,
): Partial<Record<ProfileField, FieldChange>> {
  const changes: Partial<Record<ProfileField, FieldChange>> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<ProfileField>;
  for (const key of keys) {
    if (before[key] !== after[key]) changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
  }
  return changes;
}
