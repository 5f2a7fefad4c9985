import type { ProductDefinition } from '@insurer/contracts';
import { productFixture } from '@insurer/contracts/testing';
import { addDays } from '@insurer/platform-time';
import { takeLoan } from './loan';
import { endorse, issue, surrender, withdraw, type Endorsement, type PolicyState } from './policy';
import { issueInputFixture } from './issue-input.fixture';
import { refusal } from './refusal.fixture';
import { PolicyPledgedError, PolicyRuleError } from './policy.errors';

const NOW = new Date('2026-03-02T02:00:00Z'); // 2026-03-02 in Shanghai
const TODAY = '2026-03-02';
const CONSENT = { signedAt: '2026-03-01T09:00:00+08:00', sha256: 'e'.repeat(64) };
const BANK = '中国工商银行北京分行';
const lendable: ProductDefinition = {
  ...productFixture,
  policyLoan: { maxCashValuePercent: 80, termMonths: 6, annualRatePercent: 5 },
};
/** Medical cover: pays on no one's death. */
const medical: ProductDefinition = {
  ...productFixture,
  coverages: productFixture.coverages.map((c) => ({ ...c, claimTypes: ['hospitalisation'] })),
};

const policyOn = (product: ProductDefinition) => issue(issueInputFixture(product, NOW), NOW).state;
const pledge = (extra: Partial<Extract<Endorsement, { kind: 'pledge' }>> = {}): Endorsement => ({
  kind: 'pledge',
  effectiveDate: TODAY,
  pledgee: BANK,
  reference: 'ZY-1',
  ...extra,
});
const on = (policy: PolicyState, change: Endorsement, product = lendable, day = TODAY) =>
  endorse(policy, change, product, 'rep', day, NOW);

describe('a pledge to a third party (保单质押; Insurance Law Art. 34)', () => {
  it('pledges a policy paying on death only with the insured’s written consent', () => {
    expect(refusal(() => on(policyOn(lendable), pledge()))).toMatchObject({
      code: 'ENDORSEMENT.PLEDGE_CONSENT',
      rule: {
        id: 'ENDORSEMENT.PLEDGE_CONSENT',
        source:
          'Insurance Law Art. 34 (a policy paying on death is transferred or pledged only with the insured’s written consent)',
      },
      errors: [expect.objectContaining({ pointer: '/insuredConsent' })],
    });
    const pledged = on(policyOn(lendable), pledge({ insuredConsent: CONSENT }));
    expect(pledged.state.pledge).toEqual({ pledgee: BANK, reference: 'ZY-1', pledgedOn: TODAY });
    expect(pledged.version).toMatchObject({ kind: 'pledge', consent: CONSENT });
    expect(pledged.events).toEqual([
      {
        type: 'contract.policy-pledged',
        aggregateId: pledged.state.policyId,
        payload: {
          policyId: pledged.state.policyId,
          policyVersion: 2,
          pledgee: BANK,
          reference: 'ZY-1',
          effectiveDate: TODAY,
          pledgedAt: NOW.toISOString(),
        },
      },
    ]);
    // Cover that pays on no one's death asks for none.
    expect(on(policyOn(medical), pledge(), medical).state.pledge).toMatchObject({ reference: 'ZY-1' });
  });

  it('keeps the value under the pledge: no withdrawal, surrender, loan, new policyholder or second pledge', () => {
    const pledged = on(policyOn(lendable), pledge({ insuredConsent: CONSENT })).state;
    const blocked = (run: () => unknown, action: string) => {
      const e = refusal(run);
      expect(e).toBeInstanceOf(PolicyPledgedError);
      expect(e).toMatchObject({
        code: 'POLICY.PLEDGED',
        kind: 'conflict',
        params: { pledgee: BANK, action },
      });
    };
    blocked(() => withdraw(pledged, TODAY), 'withdrawn');
    const afterCoolingOff = addDays(pledged.coolingOffEndsOn, 400);
    blocked(() => surrender(pledged, lendable, afterCoolingOff), 'surrendered');
    blocked(() => takeLoan(pledged, lendable, 1_000, afterCoolingOff, NOW), 'lent');
    const toSpouse: Endorsement = {
      kind: 'policyholder',
      effectiveDate: TODAY,
      newPolicyholderId: 'spouse',
      insuredRelationship: 'spouse',
      newPolicyholderSignature: CONSENT,
      insuredConsent: CONSENT,
    };
    blocked(() => on(pledged, toSpouse), 'transferred');
    blocked(() => on(pledged, pledge({ insuredConsent: CONSENT, reference: 'ZY-2' })), 'pledged');
    // The insurer's own ending, a loan grown to the cash value, is the contract's term: the pledge does not stop it.
    expect(surrender(pledged, lendable, afterCoolingOff, 'loan_exceeds_cash_value').state.status).toBe(
      'surrendered',
    );
    // What takes nothing from the pledgee goes on.
    const beneficiaries = [{ name: '王芳', relationship: 'spouse', sharePercent: 100 }];
    expect(on(pledged, { kind: 'beneficiary', effectiveDate: TODAY, beneficiaries }).state).toMatchObject({
      beneficiaries,
      pledge: pledged.pledge,
    });
  });

  it('ends with the release of the pledge it names, after which the policyholder disposes of the policy again', () => {
    const pledged = on(policyOn(lendable), pledge({ insuredConsent: CONSENT })).state;
    const wrong = refusal(() =>
      on(pledged, { kind: 'pledge_release', effectiveDate: TODAY, reference: 'ZY-9' }),
    );
    expect(wrong).toBeInstanceOf(PolicyRuleError);
    expect(wrong).toMatchObject({ code: 'ENDORSEMENT.NOT_PLEDGED', params: { reference: 'ZY-9' } });
    const released = on(pledged, { kind: 'pledge_release', effectiveDate: TODAY, reference: 'ZY-1' });
    expect(released.state.pledge).toBeNull();
    expect(released.events[0]).toMatchObject({
      type: 'contract.policy-pledge-released',
      payload: { policyVersion: 3, pledgee: BANK, reference: 'ZY-1' },
    });
    expect(withdraw(released.state, TODAY).state.status).toBe('withdrawn');
  });
});
