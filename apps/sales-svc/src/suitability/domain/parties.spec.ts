import { addDays, addYears, completedYears } from '@insurer/platform-time';
import {
  checkMinorDeathBenefit,
  checkParties,
  checkRatingAge,
  deathBenefitFen,
  lastDayOfAge,
  minorDeathBenefitCapFen,
  type Relationship,
  type SaleParties,
} from './parties';

const consent = { signedAt: '2026-03-01T02:00:00Z', sha256: 'a'.repeat(64) };

function parties(relationship: Relationship, over: Partial<SaleParties> = {}): SaleParties {
  return {
    policyholder: { customerId: 'holder', age: 40 },
    insured: { customerId: relationship === 'self' ? 'holder' : 'insured', age: 12 },
    relationship,
    insuredConsent: null,
    ...over,
  };
}

const codes = (reasons: { code: string }[]) => reasons.map((r) => r.code);

describe('insurable interest (Art. 31)', () => {
  it.each<Relationship>(['self', 'spouse', 'child', 'parent', 'close_relative', 'employee'])(
    '%s is an interest by itself for cover not paying on death',
    (relationship) => {
      expect(checkParties(parties(relationship), false)).toEqual([]);
    },
  );

  it('anyone else is insured only with their consent', () => {
    expect(codes(checkParties(parties('other'), false))).toEqual(['PARTIES.NO_INSURABLE_INTEREST']);
    expect(checkParties(parties('other', { insuredConsent: consent }), false)).toEqual([]);
  });

  it('the relationship must fit the parties: self is the same person, anything else another', () => {
    expect(
      codes(checkParties(parties('spouse', { insured: { customerId: 'holder', age: 40 } }), false)),
    ).toEqual(['PARTIES.RELATIONSHIP']);
    expect(
      codes(checkParties(parties('self', { insured: { customerId: 'other', age: 40 } }), false)),
    ).toEqual(['PARTIES.RELATIONSHIP']);
  });

  it('the policyholder must be an adult: refused at 17, accepted at 18', () => {
    const at = (age: number) =>
      checkParties(
        parties('self', {
          policyholder: { customerId: 'holder', age },
          insured: { customerId: 'holder', age },
        }),
        false,
      );
    expect(codes(at(17))).toEqual(['PARTIES.POLICYHOLDER_MINOR']);
    expect(at(18)).toEqual([]);
  });
});

describe('death cover on another person (Arts. 33, 34)', () => {
  it.each<Relationship>(['spouse', 'parent', 'close_relative', 'employee', 'other'])(
    '%s needs the insured’s signed consent',
    (relationship) => {
      const adult = { customerId: 'insured', age: 30 };
      expect(codes(checkParties(parties(relationship, { insured: adult }), true))).toContain(
        'PARTIES.DEATH_COVER_CONSENT',
      );
      expect(checkParties(parties(relationship, { insured: adult, insuredConsent: consent }), true)).toEqual(
        [],
      );
    },
  );

  it('a parent insuring a minor child needs no consent, up to the day before the 18th birthday', () => {
    expect(checkParties(parties('child', { insured: { customerId: 'insured', age: 17 } }), true)).toEqual([]);
    expect(
      codes(checkParties(parties('child', { insured: { customerId: 'insured', age: 18 } }), true)),
    ).toEqual(['PARTIES.DEATH_COVER_CONSENT']);
  });

  it('nobody but a parent may buy death cover on a child under 8, consent or not; from 8 with consent', () => {
    const grandchild = (age: number) =>
      parties('close_relative', { insured: { customerId: 'insured', age }, insuredConsent: consent });
    expect(codes(checkParties(grandchild(7), true))).toEqual(['PARTIES.DEATH_COVER_NO_CAPACITY']);
    expect(checkParties(grandchild(8), true)).toEqual([]);
    expect(checkParties(parties('child', { insured: { customerId: 'insured', age: 3 } }), true)).toEqual([]);
  });

  it('every refusal names its legal source', () => {
    const reasons = checkParties(parties('other', { insured: { customerId: 'insured', age: 5 } }), true);
    expect(reasons.map((r) => r.source)).toEqual([
      expect.stringContaining('Art. 31'),
      expect.stringContaining('Art. 33'),
    ]);
  });
});

describe('minors’ death benefit caps (保监发〔2015〕90号)', () => {
  it('CNY 200,000 under 10, CNY 500,000 from 10 to the day before 18, none from 18', () => {
    expect(minorDeathBenefitCapFen(0)).toBe(20_000_000);
    expect(minorDeathBenefitCapFen(9)).toBe(20_000_000);
    expect(minorDeathBenefitCapFen(10)).toBe(50_000_000);
    expect(minorDeathBenefitCapFen(17)).toBe(50_000_000);
    expect(minorDeathBenefitCapFen(18)).toBeNull();
  });

  it('counts the child’s in-force death benefits: at the cap accepted, one fen over refused with the cap', () => {
    const at = (insuredAge: number, newFen: number, inForce: number) =>
      checkMinorDeathBenefit({ insuredAge, newDeathBenefitFen: newFen, inForceDeathBenefitFen: inForce });
    expect(at(9, 15_000_000, 5_000_000)).toEqual([]);
    const over = at(9, 15_000_000, 5_000_001);
    expect(codes(over)).toEqual(['PARTIES.MINOR_DEATH_BENEFIT_CAP']);
    expect(over[0].message).toContain('CNY 200000');
    expect(over[0].source).toContain('保监发〔2015〕90号');
    expect(at(10, 50_000_000, 0)).toEqual([]);
    expect(codes(at(10, 50_000_001, 0))).toEqual(['PARTIES.MINOR_DEATH_BENEFIT_CAP']);
    expect(at(18, 90_000_000, 90_000_000)).toEqual([]);
  });

  it('reads the age on the effective date: the day before the 10th and 18th birthdays and the days of them', () => {
    const capOn = (day: string) => minorDeathBenefitCapFen(completedYears('2016-06-15', day));
    expect(capOn('2026-06-14')).toBe(20_000_000);
    expect(capOn('2026-06-15')).toBe(50_000_000);
    expect(capOn('2034-06-14')).toBe(50_000_000);
    expect(capOn('2034-06-15')).toBeNull();
    // 200,000 yuan in force and 300,000 more: refused the day before the 10th birthday, accepted on it.
    const sale = (day: string) =>
      checkMinorDeathBenefit({
        insuredAge: completedYears('2016-06-15', day),
        newDeathBenefitFen: 30_000_000,
        inForceDeathBenefitFen: 20_000_000,
      });
    expect(codes(sale('2026-06-14'))).toEqual(['PARTIES.MINOR_DEATH_BENEFIT_CAP']);
    expect(sale('2026-06-15')).toEqual([]);
  });

  it('cover without a death benefit is not counted', () => {
    expect(
      checkMinorDeathBenefit({ insuredAge: 5, newDeathBenefitFen: 0, inForceDeathBenefitFen: 99_000_000 }),
    ).toEqual([]);
  });

  it('the death benefit is the largest death coverage share of the sum insured', () => {
    const coverages = [
      { claimTypes: ['critical_illness'], sumInsuredPercent: 100 },
      { claimTypes: ['death'], sumInsuredPercent: 50 },
    ];
    expect(deathBenefitFen(coverages, 30_000_001)).toBe(15_000_000);
    expect(deathBenefitFen([{ claimTypes: ['hospitalisation'], sumInsuredPercent: 100 }], 10_000)).toBe(0);
  });
});

describe('rating age (the insured’s completed age on the effective date)', () => {
  it('the day before the birthday keeps the quoted age; on the birthday the quote must be redone', () => {
    expect(checkRatingAge(34, '1991-06-15', 34, '2026-06-14')).toEqual([]);
    const refused = checkRatingAge(34, '1991-06-15', 35, '2026-06-15');
    expect(codes(refused)).toEqual(['QUOTE.RATING_AGE_CHANGED']);
    expect(refused[0].message).toContain('birthday 2026-06-15');
  });

  it('names the birthday of one born on 29 February as completed years count it: 1 March in a common year', () => {
    expect(completedYears('2012-02-29', '2027-02-28')).toBe(14);
    expect(completedYears('2012-02-29', '2027-03-01')).toBe(15);
    expect(checkRatingAge(14, '2012-02-29', 15, '2027-03-01')[0]!.message).toContain('birthday 2027-03-01');
    expect(checkRatingAge(15, '2012-02-29', 16, '2028-02-29')[0]!.message).toContain('birthday 2028-02-29');
  });
});

describe('the last day of a rating age', () => {
  it('is the day before the next birthday, a 29 February birthday counting from 1 March in common years', () => {
    expect(lastDayOfAge('1991-06-15', 34)).toBe('2026-06-14');
    expect(lastDayOfAge('2012-02-29', 13)).toBe(completedYearsCheck('2012-02-29', 13));
  });
});

/** The last day on which completedYears still gives `age`, found by walking: what lastDayOfAge must agree with. */
function completedYearsCheck(birth: string, age: number): string {
  let day = addYears(birth, age);
  while (completedYears(birth, addDays(day, 1)) === age) day = addDays(day, 1);
  return day;
}
