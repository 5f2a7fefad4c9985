import { checkProfile, customerTypeOf, diffProfiles, type PersonalProfile } from './customer-profile';
import { isFactField, shareableFacts } from './customer-facts';

const TODAY = '2026-11-25';
const base: PersonalProfile = { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' };

function violationsOf(profile: PersonalProfile) {
  const result = checkProfile(profile, TODAY);
  return result.ok ? [] : result.violations.map((v) => [v.pointer, v.rule]);
}

describe('checking a customer profile', () => {
  it('fills in the birth date and gender the resident ID proves', () => {
    const result = checkProfile(base, TODAY);
    expect(result).toEqual({ ok: true, profile: { ...base, birthDate: '1949-12-31', gender: 'female' } });
  });

  it('refuses a declared birth date or gender that differs from the ID number', () => {
    expect(violationsOf({ ...base, birthDate: '1949-12-30', gender: 'male' })).toEqual([
      ['/birthDate', 'ID.BIRTH_DATE_MISMATCH'],
      ['/gender', 'ID.GENDER_MISMATCH'],
    ]);
  });

  it('reports every broken rule at once, each on its field', () => {
    expect(
      violationsOf({
        ...base,
        mobile: '12345',
        annualIncomeFen: 50_000_000,
        householdIncomeFen: 10_000_000,
        bankAccount: 'abc',
      }),
    ).toEqual([
      ['/mobile', 'CONTACT.MOBILE'],
      ['/householdIncomeFen', 'PROFILE.HOUSEHOLD_INCOME'],
      ['/bankAccount', 'PROFILE.BANK_ACCOUNT'],
    ]);
  });

  it('requires a valid credit code from a corporate payer and no personal attributes', () => {
    expect(violationsOf({ name: 'Acme', idType: 'uscc', idNumber: '91350100M000100Y43' })).toEqual([]);
    expect(
      violationsOf({ name: 'Acme', idType: 'uscc', idNumber: '91350100M000100Y44', gender: 'male' }),
    ).toEqual([
      ['/idNumber', 'USCC.CHECKSUM'],
      ['/gender', 'PROFILE.NOT_FOR_CORPORATE'],
    ]);
  });

  it('checks a passport holder’s declared birth date', () => {
    expect(
      violationsOf({ name: 'A', idType: 'passport', idNumber: 'E12345678', birthDate: '2027-01-01' }),
    ).toEqual([['/birthDate', 'PROFILE.BIRTH_DATE_FUTURE']]);
  });

  it('lists what changed between two versions', () => {
    expect(diffProfiles(base, { ...base, mobile: '13800138000', name: '张四' })).toEqual({
      name: { from: '张三', to: '张四' },
      mobile: { from: null, to: '13800138000' },
    });
  });
});

describe('a customer profile, every message and boundary', () => {
  const full = (profile: PersonalProfile) => {
    const result = checkProfile(profile, TODAY);
    return result.ok ? [] : result.violations;
  };

  it('words each mismatch with both values and cites GB 11643-1999', () => {
    expect(full({ ...base, birthDate: '1949-12-30', gender: 'male' })).toEqual([
      {
        pointer: '/birthDate',
        rule: 'ID.BIRTH_DATE_MISMATCH',
        message: 'declared 1949-12-30 but the ID number encodes 1949-12-31',
        params: { declared: '1949-12-30', encoded: '1949-12-31' },
        source: 'GB 11643-1999',
      },
      {
        pointer: '/gender',
        rule: 'ID.GENDER_MISMATCH',
        message: "declared male but the ID number's sequence encodes female",
        params: { declared: 'male', encoded: 'female' },
        source: 'GB 11643-1999',
      },
    ]);
    // The ID number is read trimmed and in capitals.
    expect(checkProfile({ ...base, idNumber: ' 11010519491231002x ' }, TODAY)).toMatchObject({
      ok: true,
      profile: { idNumber: '11010519491231002X' },
    });
  });

  it('names every personal attribute a corporate payer may not have', () => {
    expect(
      full({
        name: 'Acme',
        idType: 'uscc',
        idNumber: '91350100M000100Y43',
        gender: 'male',
        birthDate: '2000-01-01',
        occupationClass: 1,
        dependants: 0,
      }).map((v) => [v.pointer, v.message]),
    ).toEqual([
      ['/gender', 'gender does not apply to a corporate payer'],
      ['/birthDate', 'birthDate does not apply to a corporate payer'],
      ['/occupationClass', 'occupationClass does not apply to a corporate payer'],
      ['/dependants', 'dependants does not apply to a corporate payer'],
    ]);
  });

  it('takes a passport number of 5 to 20 capitals or digits, and a birth date up to 120 years back', () => {
    const passport = (idNumber: string, birthDate?: string) =>
      full({ name: 'A', idType: 'passport', idNumber, birthDate }).map((v) => `${v.rule}: ${v.message}`);
    expect(passport('E1234')).toEqual([]);
    expect(passport('e12345678901234567890'.slice(0, 20))).toEqual([]);
    expect(passport('E123')).toEqual(['ID.PASSPORT_FORMAT: a passport number is 5-20 letters or digits']);
    expect(passport('E123456789012345678901')).toEqual([
      'ID.PASSPORT_FORMAT: a passport number is 5-20 letters or digits',
    ]);
    expect(passport('E12-345')).toEqual(['ID.PASSPORT_FORMAT: a passport number is 5-20 letters or digits']);
    expect(passport('E12345', TODAY)).toEqual([]);
    expect(passport('E12345', '2026-11-26')).toEqual([
      'PROFILE.BIRTH_DATE_FUTURE: birth date is in the future',
    ]);
    expect(passport('E12345', '1906-11-25')).toEqual([]);
    expect(passport('E12345', '1905-11-25')).toEqual([
      'PROFILE.BIRTH_DATE_RANGE: birth date is over 120 years ago',
    ]);
  });

  it('accepts a household income equal to the own income and bank accounts of 12 to 30 digits', () => {
    expect(full({ ...base, annualIncomeFen: 10, householdIncomeFen: 10 })).toEqual([]);
    expect(full({ ...base, householdIncomeFen: 9, annualIncomeFen: 10 })).toEqual([
      {
        pointer: '/householdIncomeFen',
        rule: 'PROFILE.HOUSEHOLD_INCOME',
        message: "household income cannot be below the customer's own income",
      },
    ]);
    expect(full({ ...base, bankAccount: '1'.repeat(12) })).toEqual([]);
    expect(full({ ...base, bankAccount: '1'.repeat(30) })).toEqual([]);
    for (const bad of ['1'.repeat(11), '1'.repeat(31), `x${'1'.repeat(12)}`])
      expect(full({ ...base, bankAccount: bad })).toEqual([
        {
          pointer: '/bankAccount',
          rule: 'PROFILE.BANK_ACCOUNT',
          message: 'a bank account number is 12-30 digits',
        },
      ]);
  });

  it('tells a corporate payer from a person by the kind of ID', () => {
    expect(customerTypeOf('uscc')).toBe('corporate');
    expect(customerTypeOf('resident_id')).toBe('individual');
    expect(customerTypeOf('passport')).toBe('individual');
  });
});

describe('the facts other services may replicate', () => {
  const person: PersonalProfile = {
    ...base,
    gender: 'female',
    birthDate: '1949-12-31',
    occupationClass: 2,
    annualIncomeFen: 10,
    householdIncomeFen: 20,
    existingCoverFen: 0,
    dependants: 1,
    mobile: '13800138000',
    bankAccount: '622202100112233445',
  };

  it('share the non-identifying facts only, and only those asked for', () => {
    expect(shareableFacts(person)).toEqual({
      gender: 'female',
      birthDate: '1949-12-31',
      occupationClass: 2,
      annualIncomeFen: 10,
      householdIncomeFen: 20,
      existingCoverFen: 0,
      dependants: 1,
    });
    expect(shareableFacts(person, ['dependants', 'mobile'])).toEqual({ dependants: 1 });
    expect(shareableFacts(base)).toEqual({});
    expect([isFactField('birthDate'), isFactField('mobile'), isFactField('name')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
