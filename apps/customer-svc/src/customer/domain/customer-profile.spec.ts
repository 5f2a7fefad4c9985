import { checkProfile, diffProfiles, type PersonalProfile } from './customer-profile';

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
