import { ADULT_AGE, INSURED_OR_CLOSE_RELATIVE, ruleOf, type EventPayload } from '@insurer/contracts';
import { addDays, addYears, type CalendarDate } from '@insurer/platform-time';
import { PolicyRuleError } from './policy.errors';

/**
 * Changing a policy's beneficiaries (变更受益人) after issue: the rules sales applies when they are first named
 * (Arts. 39, 40) hold for every later change, and Art. 41 adds who may make it. The insured or the policyholder may
 * change them by written notice; the policyholder needs the insured's consent, except a parent acting for a minor
 * child as guardian (Art. 39 para. 2); an employer insuring an employee may name only the insured or the insured's
 * close relatives (Art. 39 para. 1). No I/O.
 */

/** How the insured stands to the policyholder; null on policies sold before the parties were named. */
export type InsuredRelationship = EventPayload<'contract.policy-issued'>['insuredRelationship'] | null;

/** The insured's signed consent to the change: when, and the SHA-256 of the signed form. */
export interface ChangeConsent {
  readonly signedAt: string;
  readonly sha256: string;
}

/** Who changes the beneficiaries (Art. 41). */
export type ChangedBy = 'policyholder' | 'insured';

export interface BeneficiaryChange {
  readonly beneficiaries: readonly { readonly relationship: string; readonly sharePercent: number }[];
  readonly changedBy: ChangedBy;
  readonly insuredConsent: ChangeConsent | null;
}

/** The parties of the policy as the change reads them. */
export interface PolicyParties {
  readonly policyholderId: string;
  readonly insuredId: string;
  readonly insuredRelationship: InsuredRelationship;
  /** The day the insured comes of age (18), if they were a minor at issue. */
  readonly insuredAdultOn: CalendarDate | null;
}

/**
 * The day an insured aged `age` at issue comes of age. Sales gives the last day of the rated age
 * (`ratingAgeValidUntil`); without it (applications made before it was sent) the earliest day they could turn 18,
 * so a parent is taken to act for a minor only while the insured is one for certain. Null for an adult.
 */
export function adultOn(
  age: number,
  ratingAgeValidUntil: CalendarDate | undefined,
  effectiveDate: CalendarDate,
): CalendarDate | null {
  if (age >= ADULT_AGE) return null;
  const nextBirthday = addDays(ratingAgeValidUntil ?? effectiveDate, 1);
  return addYears(nextBirthday, ADULT_AGE - 1 - age);
}

/** Refuses a change of beneficiaries the law does not allow, with the first rule it breaks. */
export function checkBeneficiaryChange(
  policy: PolicyParties,
  change: BeneficiaryChange,
  today: CalendarDate,
): void {
  change.beneficiaries.forEach((b, i) => {
    if (!(b.sharePercent > 0))
      throw new PolicyRuleError('ENDORSEMENT.BENEFICIARY_SHARE', 'each share must be above 0%', {
        source: ruleOf('ENDORSEMENT.BENEFICIARY_SHARE').source,
        pointer: `/beneficiaries/${i}/sharePercent`,
      });
  });
  const total = change.beneficiaries.reduce((sum, b) => sum + Math.round(b.sharePercent * 100), 0);
  if (change.beneficiaries.length && total !== 10_000)
    throw new PolicyRuleError(
      'ENDORSEMENT.SHARES',
      `beneficiary shares add up to ${total / 100}%, not 100%`,
      {
        source: ruleOf('ENDORSEMENT.SHARES').source,
        params: { totalPercent: total / 100 },
      },
    );
  if (policy.policyholderId === policy.insuredId) return;

  const guardian =
    policy.insuredRelationship === 'child' && policy.insuredAdultOn !== null && today < policy.insuredAdultOn;
  if (change.changedBy === 'policyholder' && !change.insuredConsent && !guardian)
    throw new PolicyRuleError(
      'ENDORSEMENT.BENEFICIARY_CONSENT',
      'the policyholder changes the beneficiaries of a policy on another person’s life only with the insured’s signed consent',
      {
        source: ruleOf('ENDORSEMENT.BENEFICIARY_CONSENT').source,
        pointer: '/insuredConsent',
      },
    );
  if (policy.insuredRelationship === 'employee')
    change.beneficiaries.forEach((b, i) => {
      if (!INSURED_OR_CLOSE_RELATIVE.has(b.relationship))
        throw new PolicyRuleError(
          'ENDORSEMENT.EMPLOYER_BENEFICIARY',
          `an employer may name only the insured or their close relatives, not "${b.relationship}"`,
          {
            source: ruleOf('ENDORSEMENT.EMPLOYER_BENEFICIARY').source,
            params: { relationship: b.relationship },
            pointer: `/beneficiaries/${i}/relationship`,
          },
        );
    });
}
