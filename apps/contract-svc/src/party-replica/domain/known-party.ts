import { ADULT_AGE } from '@insurer/contracts';
import { addDays, addYears, completedYears, type CalendarDate } from '@insurer/platform-time';

/**
 * What contract-svc knows of a customer, from customer-svc's events: whether a company, for a person the day they
 * come of age, and whether their identity is verified now. Only that: a policy's new policyholder must be able to
 * contract and be known to be who they say, and nothing here needs the birth date itself (PIPL's minimum
 * necessary). No I/O.
 */
export interface KnownParty {
  readonly corporate: boolean;
  /**
   * The day the person comes of age, or for a customer known only from an earlier policy the day by which they were
   * known to be of age; null while their birth date is not known.
   */
  readonly adultOn: CalendarDate | null;
  /** customer-svc verified the identity, and it neither failed a check nor changed since. */
  readonly identityVerified: boolean;
}

/** The day of the 18th birthday as ages are counted (周岁): someone born on 29 February comes of age on 1 March. */
export function comingOfAge(birthDate: CalendarDate): CalendarDate {
  const day = addYears(birthDate, ADULT_AGE);
  return completedYears(birthDate, day) < ADULT_AGE ? addDays(day, 1) : day;
}

/** The party as customer-svc registers them: unverified until it says otherwise. */
export function knownParty(facts: {
  readonly customerType: 'individual' | 'corporate';
  readonly birthDate?: CalendarDate | null;
}): KnownParty {
  const corporate = facts.customerType === 'corporate';
  return {
    corporate,
    adultOn: !corporate && facts.birthDate ? comingOfAge(facts.birthDate) : null,
    identityVerified: false,
  };
}

/** The completed age of a minor on `today`, from the day they come of age. */
export function ageOfMinor(adultOn: CalendarDate, today: CalendarDate): number {
  return ADULT_AGE - 1 - completedYears(today, addDays(adultOn, -1));
}
