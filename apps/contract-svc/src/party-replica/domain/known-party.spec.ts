import { ageOfMinor, comingOfAge, knownParty } from './known-party';

describe('what contract-svc knows of a customer (Civil Code Art. 17)', () => {
  it('counts the coming of age from the birth date as ages are counted, 29 February included', () => {
    expect(comingOfAge('2008-06-01')).toBe('2026-06-01');
    expect(comingOfAge('2008-02-29')).toBe('2026-03-01');
    expect(comingOfAge('2012-02-29')).toBe('2030-03-01');
    expect(comingOfAge('2004-02-29')).toBe('2022-03-01');
    expect(comingOfAge('2010-02-28')).toBe('2028-02-28');
  });

  it('gives a minor’s completed age from the day they come of age', () => {
    expect(ageOfMinor('2028-06-01', '2026-12-06')).toBe(16);
    expect(ageOfMinor('2028-06-01', '2028-05-31')).toBe(17);
    expect(ageOfMinor('2028-06-01', '2027-06-01')).toBe(17);
    expect(ageOfMinor('2028-06-01', '2027-05-31')).toBe(16);
    expect(ageOfMinor('2028-06-01', '2010-06-01')).toBe(0);
  });

  it('knows a company without an age and a person by their coming of age, or not at all without a birth date', () => {
    const unverified = { identityVerified: false };
    expect(knownParty({ customerType: 'corporate' })).toEqual({
      corporate: true,
      adultOn: null,
      ...unverified,
    });
    expect(knownParty({ customerType: 'individual', birthDate: '1990-01-15' })).toEqual({
      corporate: false,
      adultOn: '2008-01-15',
      ...unverified,
    });
    expect(knownParty({ customerType: 'individual' })).toEqual({
      corporate: false,
      adultOn: null,
      ...unverified,
    });
  });
});
