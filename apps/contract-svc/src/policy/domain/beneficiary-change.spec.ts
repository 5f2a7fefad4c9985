import { productFixture } from '@insurer/contracts/testing';
import { adultOn } from './beneficiary-change';
import { beneficiaryChanger, endorse, issue, type Endorsement, type IssueInput } from './policy';
import { issueInputFixture } from './issue-input.fixture';
import { refusal } from './refusal.fixture';
import { PolicyRuleError } from './policy.errors';

const NOW = new Date('2026-03-02T02:00:00Z'); // 2026-03-02 in Shanghai
const CONSENT = { signedAt: '2026-03-01T09:00:00+08:00', sha256: 'e'.repeat(64) };
const toSpouse = [{ name: '王芳', relationship: 'spouse', sharePercent: 100 }];

/** A policy issued today from an application with these parties (by default a father insuring his adult son). */
function policyOf(application: Partial<IssueInput['application']> = {}) {
  return issue(
    issueInputFixture(productFixture, NOW, {
      policyholderId: 'father',
      insuredId: 'son',
      insuredRelationship: 'child',
      insuredAge: 30,
      ...application,
    }),
    NOW,
  ).state;
}

const change = (extra: Partial<Extract<Endorsement, { kind: 'beneficiary' }>> = {}): Endorsement => ({
  kind: 'beneficiary',
  effectiveDate: '2026-03-02',
  beneficiaries: toSpouse,
  ...extra,
});

describe('changing the beneficiaries (Insurance Law Arts. 39, 40, 41)', () => {
  const on = (day: string, policy = policyOf(), made = change()) =>
    endorse(policy, { ...made, effectiveDate: day }, productFixture, 'rep', day, NOW);

  it('keeps the parties at issue: how the insured stands to the policyholder, and when a minor comes of age', () => {
    expect(policyOf()).toMatchObject({ insuredRelationship: 'child', insuredAdultOn: null });
    // Rated at 9 until 2026-08-14: ten on 2026-08-15, eighteen on 2034-08-15.
    expect(policyOf({ insuredAge: 9, ratingAgeValidUntil: '2026-08-14' })).toMatchObject({
      insuredAdultOn: '2034-08-15',
    });
    // One's own policy is `self` even from an application that named no relationship.
    expect(policyOf({ policyholderId: 'me', insuredId: 'me', insuredRelationship: undefined })).toMatchObject(
      { insuredRelationship: 'self' },
    );
    expect(policyOf({ insuredRelationship: undefined })).toMatchObject({ insuredRelationship: null });
  });

  it('counts a minor’s coming of age from the last day of the rated age, or else as early as it can fall', () => {
    expect(adultOn(17, '2026-12-31', '2026-03-02')).toBe('2027-01-01');
    expect(adultOn(0, '2027-02-27', '2026-03-02')).toBe('2044-02-28');
    // Without the rated age's last day a 16-year-old may turn 17 tomorrow: 18 a year later at the earliest.
    expect(adultOn(16, undefined, '2026-03-02')).toBe('2027-03-03');
    expect(adultOn(18, '2026-12-31', '2026-03-02')).toBeNull();
  });

  it('refuses the policyholder’s change on another person’s life without the insured’s signed consent', () => {
    const e = refusal(() => on('2026-03-02'), PolicyRuleError);
    expect(e).toMatchObject({
      code: 'ENDORSEMENT.BENEFICIARY_CONSENT',
      rule: {
        id: 'ENDORSEMENT.BENEFICIARY_CONSENT',
        source:
          'Insurance Law Arts. 39, 41 (a policyholder changing the beneficiary needs the insured’s consent)',
      },
      errors: [expect.objectContaining({ pointer: '/insuredConsent' })],
    });
    // With the consent the change is made, and the version keeps the consent as its evidence.
    const made = on('2026-03-02', policyOf(), change({ insuredConsent: CONSENT }));
    expect(made.state.beneficiaries).toEqual(toSpouse);
    expect(made.version).toMatchObject({ kind: 'beneficiary', consent: CONSENT });
    // The insured's own change needs no one's consent; neither does a change on one's own life.
    expect(on('2026-03-02', policyOf(), change({ changedBy: 'insured' })).version).toMatchObject({
      consent: null,
    });
    const own = policyOf({ policyholderId: 'me', insuredId: 'me', insuredRelationship: 'self' });
    expect(on('2026-03-02', own).state.beneficiaries).toEqual(toSpouse);
  });

  it('lets a parent change them for a minor child as guardian, until the child comes of age', () => {
    const child = policyOf({ insuredAge: 17, ratingAgeValidUntil: '2026-09-30' });
    expect(child.insuredAdultOn).toBe('2026-10-01');
    expect(on('2026-09-30', child).state.beneficiaries).toEqual(toSpouse);
    expect(refusal(() => on('2026-10-01', child), PolicyRuleError).code).toBe(
      'ENDORSEMENT.BENEFICIARY_CONSENT',
    );
    // A grandparent is no guardian by the policy: the minor's consent cannot be skipped.
    const grandchild = policyOf({ insuredAge: 5, insuredRelationship: 'close_relative' });
    expect(refusal(() => on('2026-03-02', grandchild), PolicyRuleError).code).toBe(
      'ENDORSEMENT.BENEFICIARY_CONSENT',
    );
    // A policy sold before the parties were named: the relationship unknown, consent is asked for.
    const unnamed = policyOf({ insuredAge: 5, insuredRelationship: undefined });
    expect(refusal(() => on('2026-03-02', unnamed), PolicyRuleError).code).toBe(
      'ENDORSEMENT.BENEFICIARY_CONSENT',
    );
  });

  it('lets an employer name only the insured or their close relatives, whoever changes them', () => {
    const staff = policyOf({ policyholderId: 'employer', insuredRelationship: 'employee' });
    const toColleague = change({
      insuredConsent: CONSENT,
      beneficiaries: [
        { name: '王芳', relationship: 'spouse', sharePercent: 50 },
        { name: '李雷', relationship: 'colleague', sharePercent: 50 },
      ],
    });
    expect(refusal(() => on('2026-03-02', staff, toColleague), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.EMPLOYER_BENEFICIARY',
      params: { relationship: 'colleague' },
      errors: [expect.objectContaining({ pointer: '/beneficiaries/1/relationship' })],
    });
    expect(
      on('2026-03-02', staff, change({ insuredConsent: CONSENT, beneficiaries: toSpouse })).state
        .beneficiaries,
    ).toEqual(toSpouse);
  });

  it('refuses a share of nothing and shares that do not add up to 100%', () => {
    const zero = change({
      changedBy: 'insured',
      beneficiaries: [
        { name: 'A', relationship: 'spouse', sharePercent: 100 },
        { name: 'B', relationship: 'child', sharePercent: 0 },
      ],
    });
    expect(refusal(() => on('2026-03-02', policyOf(), zero), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.BENEFICIARY_SHARE',
      errors: [expect.objectContaining({ pointer: '/beneficiaries/1/sharePercent' })],
    });
    const short = change({
      changedBy: 'insured',
      beneficiaries: [{ name: 'A', relationship: 'spouse', sharePercent: 60 }],
    });
    expect(refusal(() => on('2026-03-02', policyOf(), short), PolicyRuleError)).toMatchObject({
      code: 'ENDORSEMENT.SHARES',
      params: { totalPercent: 60 },
    });
    // No one named: the insured's heirs take the benefit (Art. 42).
    expect(
      on('2026-03-02', policyOf(), change({ changedBy: 'insured', beneficiaries: [] })).state,
    ).toMatchObject({ beneficiaries: [] });
  });

  it('takes a customer as who they are on the policy, and staff as the notice they record names', () => {
    const parties = { policyholderId: 'father', insuredId: 'son' };
    expect(beneficiaryChanger({ staff: false, customerId: 'father' }, parties, undefined)).toBe(
      'policyholder',
    );
    expect(beneficiaryChanger({ staff: false, customerId: 'son' }, parties, undefined)).toBe('insured');
    expect(beneficiaryChanger({ staff: false, customerId: 'father' }, parties, 'insured')).toBeNull();
    expect(beneficiaryChanger({ staff: false, customerId: 'stranger' }, parties, undefined)).toBeNull();
    expect(beneficiaryChanger({ staff: true }, parties, undefined)).toBe('policyholder');
    expect(beneficiaryChanger({ staff: true }, parties, 'insured')).toBe('insured');
    const own = { policyholderId: 'me', insuredId: 'me' };
    expect(beneficiaryChanger({ staff: false, customerId: 'me' }, own, 'insured')).toBe('policyholder');
  });
});
