import { CIVIL_CAPACITY_AGE, INSURABLE_INTEREST, ruleOf, type PartyRelationship } from '@insurer/contracts';
import type { CalendarDate } from '@insurer/platform-time';
import { ageOfMinor, type KnownParty } from '../../party-replica/domain/known-party';
import type { ChangeConsent } from './beneficiary-change';
import { PolicyRuleError } from './policy.errors';

/**
 * A policy passing to a new policyholder (变更投保人): the new one holds and pays for it from the change. The parties'
 * rules of a sale hold for the new policyholder as they did for the first (Art. 31: an insurable interest in the
 * insured, or the insured's consent), and a policy paying on death passes only with the insured's written consent
 * (Art. 34 para. 2, which has no exception for parents). The insured taking the policy over needs no one's consent.
 * A policy paying on death on a child without civil capacity (under 8) passes to a parent only (Art. 33).
 * The new policyholder signs the change, so must be able to contract: a company, or a person of age (Civil Code Art.
 * 17), as contract-svc knows them from customer-svc's events; and a new party to the contract is identified first
 * (customer due diligence, PBoC Order 2022 No. 1), so their identity must be verified as customer-svc holds it now.
 * No I/O.
 */
export interface PolicyholderChange {
  readonly newPolicyholderId: string;
  /** How the insured stands to the new policyholder (`self` when the insured takes the policy over). */
  readonly insuredRelationship: PartyRelationship;
  /** The new policyholder's signature to the change. */
  readonly newPolicyholderSignature: ChangeConsent;
  /** The insured's written consent to the change. */
  readonly insuredConsent: ChangeConsent | null;
  /** The new policyholder as contract-svc knows them; null while it does not. */
  readonly newPolicyholder: KnownParty | null;
}

/** Refuses a change of policyholder the law does not allow, with the first rule it breaks. */
export function checkPolicyholderChange(
  policy: {
    readonly policyholderId: string;
    readonly insuredId: string;
    /** The day a minor insured comes of age (null for an adult). */
    readonly insuredAdultOn: CalendarDate | null;
  },
  change: PolicyholderChange,
  paysOnDeath: boolean,
  today: CalendarDate,
): void {
  if (change.newPolicyholderId === policy.policyholderId)
    throw new PolicyRuleError(
      'ENDORSEMENT.SAME_POLICYHOLDER',
      'the new policyholder is the policyholder already',
      { pointer: '/newPolicyholderId' },
    );
  checkNewPolicyholder(change.newPolicyholder, today);
  const insuredTakesOver = change.newPolicyholderId === policy.insuredId;
  if (insuredTakesOver !== (change.insuredRelationship === 'self'))
    throw new PolicyRuleError(
      'PARTIES.RELATIONSHIP',
      insuredTakesOver
        ? 'the insured takes the policy over: the relationship is self'
        : 'the new policyholder is another person than the insured, not "self"; name how the insured stands to them',
      {
        source: ruleOf('PARTIES.RELATIONSHIP').source,
        params: { same: insuredTakesOver ? 'yes' : 'no' },
        pointer: '/insuredRelationship',
      },
    );
  if (insuredTakesOver) return;
  // Art. 33: no one but a parent holds death cover on a child without civil capacity, consent or not.
  const insuredAge = policy.insuredAdultOn === null ? null : ageOfMinor(policy.insuredAdultOn, today);
  if (
    paysOnDeath &&
    insuredAge !== null &&
    insuredAge < CIVIL_CAPACITY_AGE &&
    change.insuredRelationship !== 'child'
  )
    throw new PolicyRuleError(
      'PARTIES.DEATH_COVER_NO_CAPACITY',
      `the insured is ${insuredAge} and has no civil capacity: only a parent may hold cover paying on their death`,
      {
        source: ruleOf('PARTIES.DEATH_COVER_NO_CAPACITY').source,
        params: { age: insuredAge },
        pointer: '/insuredRelationship',
      },
    );
  if (change.insuredConsent) return;
  if (!INSURABLE_INTEREST.has(change.insuredRelationship))
    throw new PolicyRuleError(
      'PARTIES.NO_INSURABLE_INTEREST',
      'the policyholder has no insurable interest in the insured without the insured’s signed consent',
      { source: ruleOf('PARTIES.NO_INSURABLE_INTEREST').source, pointer: '/insuredConsent' },
    );
  if (paysOnDeath)
    throw new PolicyRuleError(
      'ENDORSEMENT.TRANSFER_CONSENT',
      'a policy paying on the insured’s death passes to a new policyholder only with the insured’s written consent',
      { source: ruleOf('ENDORSEMENT.TRANSFER_CONSENT').source, pointer: '/insuredConsent' },
    );
}

/**
 * The new policyholder contracts (a company, or a person whose coming of age contract-svc knows to have passed) and
 * is identified: customer-svc verified them and nothing has undone it.
 */
function checkNewPolicyholder(party: KnownParty | null, today: CalendarDate): void {
  if (!party || (!party.corporate && !party.adultOn))
    throw new PolicyRuleError(
      'ENDORSEMENT.POLICYHOLDER_UNKNOWN',
      'contract-svc does not know the new policyholder (or their birth date): register them in customer-svc first (or wait for its event)',
      { pointer: '/newPolicyholderId' },
    );
  if (party.adultOn && party.adultOn > today) {
    const age = ageOfMinor(party.adultOn, today);
    throw new PolicyRuleError(
      'PARTIES.POLICYHOLDER_MINOR',
      `the policyholder is ${age}; a contract needs an adult policyholder (18 or over)`,
      { source: ruleOf('PARTIES.POLICYHOLDER_MINOR').source, params: { age }, pointer: '/newPolicyholderId' },
    );
  }
  if (!party.identityVerified)
    throw new PolicyRuleError(
      'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
      'the new policyholder’s identity is not verified (never, not passed, or not since it changed): verify it in customer-svc first',
      { source: ruleOf('ENDORSEMENT.POLICYHOLDER_UNVERIFIED').source, pointer: '/newPolicyholderId' },
    );
}
