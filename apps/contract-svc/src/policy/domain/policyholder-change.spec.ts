import type { ProductDefinition } from '@insurer/contracts';
import { productFixture } from '@insurer/contracts/testing';
import { endorse, issue, type Endorsement, type IssueInput } from './policy';
import { issueInputFixture } from './issue-input.fixture';
import { refusal } from './refusal.fixture';
import { PolicyRuleError } from './policy.errors';

const NOW = new Date('2026-03-02T02:00:00Z'); // 2026-03-02 in Shanghai
const SIGNED = { signedAt: '2026-03-02T09:00:00+08:00', sha256: 'a'.repeat(64) };
const CONSENT = { signedAt: '2026-03-01T09:00:00+08:00', sha256: 'e'.repeat(64) };
/** Medical cover: pays on no one's death. */
const medical: ProductDefinition = {
  ...productFixture,
  coverages: productFixture.coverages.map((c) => ({ ...c, claimTypes: ['hospitalisation'] })),
};

/** A father's policy on his adult son's life, issued today. */
function fathersPolicy(application: Partial<IssueInput['application']> = {}, product = productFixture) {
  return issue(
    issueInputFixture(product, NOW, {
      policyholderId: 'father',
      payerId: 'father',
      insuredId: 'son',
      insuredRelationship: 'child',
      ...application,
    }),
    NOW,
  ).state;
}

/** A person who came of age long ago, as contract-svc knows them from customer-svc's events. */
const ADULT = { corporate: false, adultOn: '1994-05-20', identityVerified: true };

const toNew = (extra: Partial<Extract<Endorsement, { kind: 'policyholder' }>> = {}): Endorsement => ({
  kind: 'policyholder',
  effectiveDate: '2026-03-02',
  newPolicyholderId: 'mother',
  insuredRelationship: 'child',
  newPolicyholderSignature: SIGNED,
  newPolicyholder: ADULT,
  ...extra,
});

describe('a new policyholder (变更投保人; Insurance Law Arts. 31, 34)', () => {
  const change = (made: Endorsement, policy = fathersPolicy(), product = productFixture) =>
    endorse(policy, made, product, 'rep', '2026-03-02', NOW);

  it('passes a policy paying on death to a new policyholder only with the insured’s written consent', () => {
    expect(refusal(() => change(toNew()), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.TRANSFER_CONSENT',
      rule: {
        id: 'ENDORSEMENT.TRANSFER_CONSENT',
        source:
          'Insurance Law Art. 34 (a policy paying on death is transferred or pledged only with the insured’s written consent)',
      },
      errors: [expect.objectContaining({ pointer: '/insuredConsent' })],
    });
    const made = change(toNew({ insuredConsent: CONSENT }));
    expect(made.state).toMatchObject({
      policyholderId: 'mother',
      payerId: 'mother',
      insuredId: 'son',
      insuredRelationship: 'child',
      version: 2,
    });
    expect(made.version).toMatchObject({ kind: 'policyholder', consent: CONSENT, signature: SIGNED });
    expect(made.archiveSchedule).toBe(true);
    expect(made.events).toEqual([
      {
        type: 'contract.policyholder-changed',
        aggregateId: made.state.policyId,
        payload: {
          policyId: made.state.policyId,
          policyVersion: 2,
          previousPolicyholderId: 'father',
          policyholderId: 'mother',
          payerId: 'mother',
          insuredRelationship: 'child',
          effectiveDate: '2026-03-02',
          changedAt: NOW.toISOString(),
        },
      },
    ]);
  });

  it('needs no consent when the insured takes the policy over, or for cover paying on no death to family', () => {
    const own = change(toNew({ newPolicyholderId: 'son', insuredRelationship: 'self' }));
    expect(own.state).toMatchObject({ policyholderId: 'son', payerId: 'son', insuredRelationship: 'self' });
    expect(own.version).toMatchObject({ consent: null });
    const medicalPolicy = fathersPolicy({}, medical);
    expect(change(toNew(), medicalPolicy, medical).state.policyholderId).toBe('mother');
  });

  it('asks the insured’s consent where the new policyholder has no insurable interest, whatever the cover', () => {
    const medicalPolicy = fathersPolicy({}, medical);
    const toFriend = toNew({ newPolicyholderId: 'friend', insuredRelationship: 'other' });
    expect(refusal(() => change(toFriend, medicalPolicy, medical), PolicyRuleError)).toMatchObject({
      code: 'PARTIES.NO_INSURABLE_INTEREST',
      errors: [expect.objectContaining({ pointer: '/insuredConsent' })],
    });
    expect(
      change(
        toNew({ newPolicyholderId: 'friend', insuredRelationship: 'other', insuredConsent: CONSENT }),
        medicalPolicy,
        medical,
      ).state.policyholderId,
    ).toBe('friend');
  });

  it('refuses a relationship that contradicts who the parties are, and a change to the same policyholder', () => {
    expect(
      refusal(
        () => change(toNew({ newPolicyholderId: 'son', insuredRelationship: 'parent' })),
        PolicyRuleError,
      ),
    ).toMatchObject({
      code: 'PARTIES.RELATIONSHIP',
      params: { same: 'yes' },
      errors: [expect.objectContaining({ pointer: '/insuredRelationship' })],
    });
    expect(
      refusal(() => change(toNew({ insuredRelationship: 'self', insuredConsent: CONSENT })), PolicyRuleError),
    ).toMatchObject({ code: 'PARTIES.RELATIONSHIP', params: { same: 'no' } });
    expect(refusal(() => change(toNew({ newPolicyholderId: 'father' })), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.SAME_POLICYHOLDER',
      errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
    });
  });

  it('passes a policy only to someone who can contract: a company, or a person of age contract-svc knows of', () => {
    const toEmployer = toNew({
      newPolicyholderId: 'employer',
      insuredRelationship: 'employee',
      insuredConsent: CONSENT,
      newPolicyholder: { corporate: true, adultOn: null, identityVerified: true },
    });
    expect(change(toEmployer).state.policyholderId).toBe('employer');
    // 2026-03-02 is the 18th birthday's day: of age that day, 17 the day before.
    const turning18 = toNew({
      insuredConsent: CONSENT,
      newPolicyholder: { corporate: false, adultOn: '2026-03-02', identityVerified: true },
    });
    expect(change(turning18).state.policyholderId).toBe('mother');
    const seventeen = toNew({
      insuredConsent: CONSENT,
      newPolicyholder: { corporate: false, adultOn: '2026-03-03', identityVerified: true },
    });
    expect(refusal(() => change(seventeen), PolicyRuleError)).toMatchObject({
      code: 'PARTIES.POLICYHOLDER_MINOR',
      params: { age: 17 },
      rule: { id: 'PARTIES.POLICYHOLDER_MINOR', source: 'Civil Code Arts. 17-20 (civil capacity by age)' },
      errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
    });
    // The insured taking over their own policy is held to it too.
    const sonAt16 = toNew({
      newPolicyholderId: 'son',
      insuredRelationship: 'self',
      newPolicyholder: { corporate: false, adultOn: '2027-12-01', identityVerified: true },
    });
    expect(refusal(() => change(sonAt16), PolicyRuleError)).toMatchObject({ params: { age: 16 } });
    for (const newPolicyholder of [null, { corporate: false, adultOn: null, identityVerified: true }])
      expect(refusal(() => change(toNew({ newPolicyholder })), PolicyRuleError)).toMatchObject({
        code: 'ENDORSEMENT.POLICYHOLDER_UNKNOWN',
        errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
      });
    // Left out, as a caller that never read the replica would: unknown, never taken for an adult.
    const { newPolicyholder: _, ...unread } = toNew() as Extract<Endorsement, { kind: 'policyholder' }>;
    expect(refusal(() => change(unread), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNKNOWN',
    });
  });

  it('passes a policy only to a new policyholder whose identity customer-svc holds as verified (due diligence)', () => {
    const unverified = { ...ADULT, identityVerified: false };
    expect(
      refusal(() => change(toNew({ insuredConsent: CONSENT, newPolicyholder: unverified })), PolicyRuleError),
    ).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
      rule: {
        id: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
        source: 'PBoC Order 2022 No. 1 (customer due diligence and identity records)',
      },
      errors: [expect.objectContaining({ pointer: '/newPolicyholderId' })],
    });
    // A company is identified too; the insured taking the policy over as well.
    const company = { corporate: true, adultOn: null, identityVerified: false };
    const toEmployer = toNew({
      newPolicyholderId: 'employer',
      insuredRelationship: 'employee',
      insuredConsent: CONSENT,
      newPolicyholder: company,
    });
    expect(refusal(() => change(toEmployer), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
    });
    const sonUnverified = toNew({
      newPolicyholderId: 'son',
      insuredRelationship: 'self',
      newPolicyholder: unverified,
    });
    expect(refusal(() => change(sonUnverified), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.POLICYHOLDER_UNVERIFIED',
    });
    // A minor is refused as a minor first: verifying them would not help.
    const minorUnverified = toNew({ newPolicyholder: { ...unverified, adultOn: '2027-12-01' } });
    expect(refusal(() => change(minorUnverified), PolicyRuleError)).toMatchObject({
      code: 'PARTIES.POLICYHOLDER_MINOR',
    });
  });

  it('passes death cover on a child without civil capacity to a parent only, consent or not (Art. 33)', () => {
    // Rated at 5 until 2026-08-14: six on 2026-08-15, so 5 on the day of the change.
    const onChild = (product = productFixture) =>
      fathersPolicy({ insuredAge: 5, ratingAgeValidUntil: '2026-08-14' }, product);
    const toGrandmother = toNew({
      newPolicyholderId: 'grandmother',
      insuredRelationship: 'close_relative',
      insuredConsent: CONSENT,
    });
    expect(refusal(() => change(toGrandmother, onChild()), PolicyRuleError)).toMatchObject({
      code: 'PARTIES.DEATH_COVER_NO_CAPACITY',
      params: { age: 5 },
      rule: { id: 'PARTIES.DEATH_COVER_NO_CAPACITY' },
      errors: [expect.objectContaining({ pointer: '/insuredRelationship' })],
    });
    // The other parent may take it over; the grandmother may take over cover paying on no death.
    expect(change(toNew({ insuredConsent: CONSENT }), onChild()).state.policyholderId).toBe('mother');
    expect(change(toGrandmother, onChild(medical), medical).state.policyholderId).toBe('grandmother');
    // From 8 the child has limited capacity, and the grandmother may hold it with the child's consent.
    const atEight = fathersPolicy({ insuredAge: 8, ratingAgeValidUntil: '2026-08-14' });
    expect(change(toGrandmother, atEight).state.policyholderId).toBe('grandmother');
  });
});
