import { ADULT_AGE, CIVIL_CAPACITY_AGE, INSURABLE_INTEREST } from '@insurer/contracts';
import { addDays, addYears, completedYears, type CalendarDate } from '@insurer/platform-time';
import { SOURCES, type Reason } from '../../regulation/domain/sources';

/**
 * The parties of a life or health policy and the rules that read them (Insurance Law Arts. 31, 33, 34; domain.md
 * "Parties"). The policyholder (投保人) contracts and is the buyer every sales-conduct rule reads; the insured (被保险人)
 * is the life or health covered, whom rating and underwriting read. No I/O.
 */

export type Relationship = 'self' | 'spouse' | 'child' | 'parent' | 'close_relative' | 'employee' | 'other';

/** The insured's signed consent to be insured for this cover and sum. */
export interface Consent {
  readonly signedAt: string;
  readonly sha256: string;
}

export interface SaleParties {
  readonly policyholder: { readonly customerId: string; readonly age: number };
  readonly insured: { readonly customerId: string; readonly age: number };
  /** How the insured stands to the policyholder: `child` means the insured is the policyholder's child. */
  readonly relationship: Relationship;
  readonly insuredConsent: Consent | null;
}

/** Parents insuring their own minor children: the one case death cover needs no consent and has the regulator's cap. */
export function isParentOfMinor(p: Pick<SaleParties, 'relationship' | 'insured'>): boolean {
  return p.relationship === 'child' && p.insured.age < ADULT_AGE;
}

/**
 * Who may insure whom: a consistent relationship, an adult policyholder, an insurable interest (Art. 31), and, for
 * cover that pays on death, the insured's consent (Art. 34) and no death cover on a person without civil capacity
 * (Art. 33), both except parents insuring their minor children.
 */
export function checkParties(p: SaleParties, paysOnDeath: boolean): Reason[] {
  const reasons: Reason[] = [];
  const same = p.policyholder.customerId === p.insured.customerId;
  if (same !== (p.relationship === 'self')) {
    reasons.push({
      code: 'PARTIES.RELATIONSHIP',
      message: same
        ? 'the policyholder insures themself: the relationship is self'
        : `the insured is another person, not "self"; name how they stand to the policyholder`,
      params: { same: same ? 'yes' : 'no' },
      pointer: '/insuredRelationship',
    });
    return reasons;
  }
  if (p.policyholder.age < ADULT_AGE)
    reasons.push({
      code: 'PARTIES.POLICYHOLDER_MINOR',
      message: `the policyholder is ${p.policyholder.age}; a contract needs an adult policyholder (18 or over)`,
      params: { age: p.policyholder.age },
      source: SOURCES.civilCapacity,
      pointer: '/customerId',
    });
  if (same) return reasons;

  if (!INSURABLE_INTEREST.has(p.relationship) && !p.insuredConsent)
    reasons.push({
      code: 'PARTIES.NO_INSURABLE_INTEREST',
      message:
        'the policyholder has no insurable interest in the insured without the insured’s signed consent',
      source: SOURCES.insurableInterest,
      pointer: '/insuredConsent',
    });
  if (paysOnDeath && !isParentOfMinor(p)) {
    if (p.insured.age < CIVIL_CAPACITY_AGE)
      reasons.push({
        code: 'PARTIES.DEATH_COVER_NO_CAPACITY',
        message: `the insured is ${p.insured.age} and has no civil capacity: only a parent may buy cover paying on their death`,
        params: { age: p.insured.age },
        source: SOURCES.minorsDeathCover,
        pointer: '/insuredRelationship',
      });
    else if (!p.insuredConsent)
      reasons.push({
        code: 'PARTIES.DEATH_COVER_CONSENT',
        message:
          'cover paying on the death of another person needs the insured’s signed consent to it and its sum',
        source: SOURCES.deathCoverConsent,
        pointer: '/insuredConsent',
      });
  }
  return reasons;
}

/**
 * The regulator's cap on a minor's death benefits (CIRC 保监发〔2015〕90号): CNY 200,000 under 10, CNY 500,000 from
 * 10 to under 18, counted over all of the child's in-force policies with this insurer. Null for an adult.
 */
export function minorDeathBenefitCapFen(age: number): number | null {
  if (age < 10) return 20_000_000;
  if (age < ADULT_AGE) return 50_000_000;
  return null;
}

/**
 * A minor's death benefits stay under the cap. Air-travel accident cover and refunds of premium or cash value do not
 * count (none of this catalogue's products is such cover). Applied whoever the policyholder is: where another
 * relative buys with consent the child's total is the same child's total.
 */
export function checkMinorDeathBenefit(c: {
  readonly insuredAge: number;
  readonly newDeathBenefitFen: number;
  readonly inForceDeathBenefitFen: number;
}): Reason[] {
  const cap = minorDeathBenefitCapFen(c.insuredAge);
  if (cap === null || c.newDeathBenefitFen === 0) return [];
  const total = c.newDeathBenefitFen + c.inForceDeathBenefitFen;
  if (total <= cap) return [];
  return [
    {
      code: 'PARTIES.MINOR_DEATH_BENEFIT_CAP',
      message:
        `a minor aged ${c.insuredAge} may have at most CNY ${cap / 100} of death benefits; ` +
        `in force CNY ${c.inForceDeathBenefitFen / 100}, this sale CNY ${c.newDeathBenefitFen / 100}`,
      params: {
        age: c.insuredAge,
        capYuan: cap / 100,
        inForceYuan: c.inForceDeathBenefitFen / 100,
        newYuan: c.newDeathBenefitFen / 100,
      },
      source: SOURCES.minorsDeathCap,
      pointer: '/sumInsuredFen',
    },
  ];
}

/** What a product pays on death for a sum insured: the largest share any death coverage pays. */
export function deathBenefitFen(
  coverages: readonly { claimTypes: readonly string[]; sumInsuredPercent: number }[],
  sumInsuredFen: number,
): number {
  const percent = Math.max(
    0,
    ...coverages.filter((c) => c.claimTypes.includes('death')).map((c) => c.sumInsuredPercent),
  );
  return Math.floor((sumInsuredFen * Math.round(percent * 100)) / 10_000);
}

/**
 * The rating age is the insured's completed age on the effective date. A quote rated at one age cannot become a
 * policy once the insured is older on the day cover would start: refused with the birthday, to be quoted again.
 */
export function checkRatingAge(
  quotedAge: number,
  insuredBirthDate: CalendarDate,
  ageOnEffectiveDate: number,
  effectiveDate: CalendarDate,
): Reason[] {
  if (ageOnEffectiveDate === quotedAge) return [];
  // The day they turned that age, as completedYears counts it: a 29 February birthday is 1 March in common years.
  const birthday = addDays(lastDayOfAge(insuredBirthDate, ageOnEffectiveDate - 1), 1);
  return [
    {
      code: 'QUOTE.RATING_AGE_CHANGED',
      message:
        `the quote was rated at age ${quotedAge}; the insured is ${ageOnEffectiveDate} on ${effectiveDate} ` +
        `(birthday ${birthday}); quote again at the new age`,
      params: { quotedAge, age: ageOnEffectiveDate, effectiveDate, birthday },
      pointer: '/quoteId',
    },
  ];
}

/**
 * The last day a person born on `birthDate` is still `age` in completed years: the day before the birthday that makes
 * them `age + 1`, counted as completedYears counts it (a 29 February birthday falls on 1 March in common years).
 */
export function lastDayOfAge(birthDate: CalendarDate, age: number): CalendarDate {
  const anniversary = addYears(birthDate, age + 1);
  const next = completedYears(birthDate, anniversary) === age + 1 ? anniversary : addDays(anniversary, 1);
  return addDays(next, -1);
}
