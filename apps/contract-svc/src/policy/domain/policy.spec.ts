import type { ProductDefinition } from '@insurer/contracts';
import { productFixture } from '@insurer/contracts/testing';
import {
  assertRatingAgeHolds,
  confirmOffer,
  isReadyToIssue,
  payFirstPremium,
  type OfferState,
} from './offer';
import {
  endorse,
  issue,
  isOwnPolicy,
  lapse,
  markSurrenderRefundOverdue,
  mayViewPolicy,
  markOverdue,
  mature,
  payPremium,
  paySurrenderRefund,
  reinstate,
  sendDemandNotice,
  suspendedFrom,
  rescind,
  surrender,
  terminateAfterClaim,
  withdraw,
  type IssueInput,
  type PolicyState,
  type PolicyStatus,
} from './policy';
import { issueInputFixture } from './issue-input.fixture';
import { PolicyRuleError, PolicyStateError, PremiumRuleError } from './policy.errors';

const NOW = new Date('2026-03-02T02:00:00Z'); // 10:00 on 2026-03-02 in Shanghai

const product = (overrides: Partial<ProductDefinition> = {}): ProductDefinition => ({
  ...productFixture,
  paymentModes: ['annual', 'monthly'],
  rates: { ...productFixture.rates!, modalFactorsBp: { annual: 10_000, monthly: 900 } },
  sumInsuredRangeFen: { min: 5_000_000, max: 500_000_000 },
  ...overrides,
});

const issueInput = (overrides: Partial<IssueInput> = {}): IssueInput => ({
  ...issueInputFixture(
    product(),
    NOW,
    { productCode: 'TL20' },
    { premiumFen: 1_000_000, loadingPercent: 8, exclusions: ['skydiving'] },
  ),
  sequence: 42,
  ...overrides,
});

function issued(overrides: Partial<PolicyState> = {}): PolicyState {
  return { ...issue(issueInput(), NOW).state, ...overrides };
}

const withStatus = (status: PolicyStatus, extra: Partial<PolicyState> = {}) => issued({ status, ...extra });

describe('the policy aggregate', () => {
  describe('issue', () => {
    it('issues version 1 on the offer premium, from today, with the schedule archived and two events in order', () => {
      const decided = issue(issueInput(), NOW);
      expect(decided.state).toMatchObject({
        policyNumber: expect.stringContaining('2026'),
        status: 'in_force',
        version: 1,
        premiumFen: 1_000_000,
        annualPremiumFen: 1_000_000,
        effectiveDate: '2026-03-02',
        expiryDate: '2046-03-01',
        coolingOffEndsOn: '2026-03-17',
        instalmentsPaid: 1,
        totalInstalments: 20,
        nextDueOn: '2027-03-02',
        premiumsPaidFen: 1_000_000,
        loadingPercent: 8,
        exclusions: ['suicide within 2 years', 'drunk driving', 'skydiving'],
      });
      expect(decided.events.map((e) => e.type)).toEqual(['contract.premium-paid', 'contract.policy-issued']);
      expect(decided.events[0].payload).toMatchObject({
        isFirstPremium: true,
        policyYear: 1,
        dueOn: '2026-03-02',
      });
      expect(decided.version).toEqual({
        kind: 'issue',
        effectiveDate: '2026-03-02',
        premiumEffectFen: 0,
        createdBy: 'issue',
      });
      expect(decided.archiveSchedule).toBe(true);
      expect(decided.payment).toMatchObject({ paymentId: 'pay-1', kind: 'first', dueOn: '2026-03-02' });
    });

    it('announces the parties: policyholder, insured, payer, their relationship and the beneficiaries', () => {
      const beneficiaries = [
        { name: '张一', relationship: 'child', sharePercent: 60, customerId: 'b-1' },
        { name: '张二', relationship: 'child', sharePercent: 40 },
      ];
      const decided = issue(
        issueInput({
          application: {
            ...issueInput().application,
            insuredId: 'child-1',
            payerId: 'grandma-1',
            insuredRelationship: 'child',
            beneficiaries,
          },
        }),
        NOW,
      );
      expect(decided.events[1].payload).toMatchObject({
        policyholderId: 'ph-1',
        insuredId: 'child-1',
        payerId: 'grandma-1',
        insuredRelationship: 'child',
        beneficiaries,
      });
      // Applications from before parties were named: the policyholder insured themself.
      expect(issue(issueInput(), NOW).events[1].payload).toMatchObject({ insuredRelationship: 'self' });
    });

    it('prices from the application when the offer carries no premium, and owes nothing more on a single premium', () => {
      const single = issue(
        issueInput({
          offer: { premiumFen: null, loadingPercent: null, exclusions: [] },
          application: { ...issueInput().application, paymentMode: 'single', paymentTermYears: 1 },
        }),
        NOW,
      ).state;
      expect(single.premiumFen).toBe(925_000);
      expect(single.totalInstalments).toBe(1);
      expect(single.nextDueOn).toBeNull();
    });
  });

  describe('the offer', () => {
    it('issues only while the insured is still the age the premium was rated at', () => {
      const rated = (until?: string) =>
        ({
          ...offer(),
          application: { ...offer().application, insuredAge: 30, ratingAgeValidUntil: until },
        }) as OfferState;
      expect(() => assertRatingAgeHolds(rated('2026-06-14'), '2026-06-14')).not.toThrow();
      expect(() => assertRatingAgeHolds(rated('2026-06-14'), '2026-06-15')).toThrow(
        expect.objectContaining({ code: 'OFFER.RATING_AGE_CHANGED' }),
      );
      // Applications from before the field was added carry none.
      expect(() => assertRatingAgeHolds(rated(undefined), '2099-01-01')).not.toThrow();
    });

    const offer = (extra: Partial<OfferState> = {}): OfferState => ({
      applicationId: 'a-1',
      offerStatus: 'awaiting',
      status: 'decided',
      offerPremiumFen: 1_000_000,
      application: { policyholderId: 'ph-1', payerId: 'payer-1' },
      confirmation: null,
      firstPayment: null,
      ...extra,
    });
    const signature = { signedBy: 'ph-1', signedAt: NOW.toISOString(), sha256: 'ab'.repeat(32) };
    const premium = {
      amountFen: 1_000_000,
      paidAt: NOW.toISOString(),
      method: 'card' as const,
      payerId: 'payer-1',
      payerType: 'individual' as const,
    };

    it('is ready to issue once confirmed by the policyholder and paid by the named payer, in either order', () => {
      const confirmed = confirmOffer(offer(), signature);
      expect(isReadyToIssue(confirmed)).toBe(false);
      expect(isReadyToIssue(payFirstPremium(confirmed, premium, 'pay-1'))).toBe(true);
      expect(isReadyToIssue(confirmOffer(payFirstPremium(offer(), premium, 'pay-1'), signature))).toBe(true);
    });

    it('refuses a signature by anyone else, a second confirmation, and an offer that is not open', () => {
      expect(() => confirmOffer(offer(), { ...signature, signedBy: 'other' })).toThrow(
        expect.objectContaining({ code: 'OFFER.SIGNED_BY_OTHER' }),
      );
      expect(() => confirmOffer(confirmOffer(offer(), signature), signature)).toThrow(
        expect.objectContaining({ code: 'OFFER.ALREADY_CONFIRMED' }),
      );
      for (const offerStatus of ['issued', 'declined', null] as const)
        expect(() => confirmOffer(offer({ offerStatus }), signature)).toThrow(
          expect.objectContaining({ code: 'OFFER.NOT_OPEN' }),
        );
    });

    it('refuses a wrong amount, another payer, a second payment and a closed offer', () => {
      expect(() => payFirstPremium(offer(), { ...premium, amountFen: 999_999 }, 'x')).toThrow(
        expect.objectContaining({ code: 'PREMIUM.AMOUNT_MISMATCH' }),
      );
      expect(() => payFirstPremium(offer(), { ...premium, payerId: 'someone' }, 'x')).toThrow(
        expect.objectContaining({ code: 'PREMIUM.PAYER_MISMATCH' }),
      );
      expect(() => payFirstPremium(payFirstPremium(offer(), premium, 'x'), premium, 'y')).toThrow(
        expect.objectContaining({ code: 'PREMIUM.ALREADY_PAID' }),
      );
      expect(() => payFirstPremium(offer({ offerStatus: 'issued' }), premium, 'x')).toThrow(
        expect.objectContaining({ code: 'OFFER.NOT_OPEN' }),
      );
    });
  });

  describe('endorsements', () => {
    it('changes beneficiaries whose shares add up to 100%, as a new version with its schedule', () => {
      const beneficiaries = [
        { name: 'A', relationship: 'spouse', sharePercent: 66.67 },
        { name: 'B', relationship: 'child', sharePercent: 33.33 },
      ];
      const decided = endorse(
        issued(),
        { kind: 'beneficiary', effectiveDate: '2026-03-02', beneficiaries },
        product(),
        'rep',
        '2026-03-02',
        NOW,
      );
      expect(decided.state).toMatchObject({ beneficiaries, version: 2 });
      expect(decided.version).toMatchObject({ kind: 'beneficiary', premiumEffectFen: 0, createdBy: 'rep' });
      expect(decided.archiveSchedule).toBe(true);
      expect(decided.events[0]).toMatchObject({
        type: 'contract.policy-endorsed',
        payload: { policyVersion: 2 },
      });
    });

    it('refuses shares that do not add up, a backdated change, and a policy not in force', () => {
      const shares = {
        kind: 'beneficiary' as const,
        effectiveDate: '2026-03-02',
        beneficiaries: [] as never[],
      };
      expect(() =>
        endorse(
          issued(),
          { ...shares, beneficiaries: [{ name: 'A', relationship: 'spouse', sharePercent: 99.99 }] },
          product(),
          'r',
          '2026-03-02',
          NOW,
        ),
      ).toThrow(
        expect.objectContaining({
          code: 'ENDORSEMENT.SHARES',
          rule: { id: 'ENDORSEMENT.SHARES', source: 'Insurance Law Art. 40' },
        }),
      );
      expect(() =>
        endorse(issued(), { ...shares, effectiveDate: '2026-03-01' }, product(), 'r', '2026-03-02', NOW),
      ).toThrow(expect.objectContaining({ code: 'ENDORSEMENT.BACKDATED' }));
      for (const status of ['suspended', 'withdrawn', 'surrendered', 'terminated'] as const)
        expect(() => endorse(withStatus(status), shares, product(), 'r', '2026-03-02', NOW)).toThrow(
          PolicyStateError,
        );
    });

    it('merges contact details', () => {
      const decided = endorse(
        issued({ contact: { mobile: '13800000000' } }),
        { kind: 'contact', effectiveDate: '2026-03-02', contact: { email: 'a@b.cn' } },
        product(),
        'r',
        '2026-03-02',
        NOW,
      );
      expect(decided.state.contact).toEqual({ mobile: '13800000000', email: 'a@b.cn' });
    });

    it('moves to monthly at an anniversary at the modal factor, re-counting what is paid', () => {
      const decided = endorse(
        issued({ instalmentsPaid: 2 }),
        { kind: 'payment_mode', effectiveDate: '2028-03-02', paymentMode: 'monthly' },
        product(),
        'r',
        '2026-03-02',
        NOW,
      );
      expect(decided.state).toMatchObject({
        paymentMode: 'monthly',
        premiumFen: 90_000,
        totalInstalments: 240,
        instalmentsPaid: 24,
        nextDueOn: '2028-03-02',
      });
      expect(decided.version?.premiumEffectFen).toBe(90_000 - 1_000_000);
    });

    it('refuses a mode the product lacks, a single premium either way, and a change between anniversaries', () => {
      const change = (paymentMode: 'monthly' | 'quarterly') =>
        ({ kind: 'payment_mode', effectiveDate: '2026-03-02', paymentMode }) as const;
      expect(() => endorse(issued(), change('quarterly'), product(), 'r', '2026-03-02', NOW)).toThrow(
        expect.objectContaining({ code: 'ENDORSEMENT.PAYMENT_MODE' }),
      );
      expect(() =>
        endorse(issued({ paymentMode: 'single' }), change('monthly'), product(), 'r', '2026-03-02', NOW),
      ).toThrow(expect.objectContaining({ code: 'ENDORSEMENT.PAYMENT_MODE' }));
      expect(() =>
        endorse(
          issued({ paymentMode: 'monthly', instalmentsPaid: 13 }),
          { ...change('monthly'), paymentMode: 'monthly' },
          product({ paymentModes: ['annual', 'monthly'] }),
          'r',
          '2026-03-02',
          NOW,
        ),
      ).toThrow(expect.objectContaining({ code: 'ENDORSEMENT.NOT_ANNIVERSARY' }));
    });

    it('decreases the sum insured with the premiums in proportion, within the product minimum', () => {
      const decided = endorse(
        issued(),
        { kind: 'sum_insured_decrease', effectiveDate: '2026-03-02', sumInsuredFen: 25_000_000 },
        product(),
        'r',
        '2026-03-02',
        NOW,
      );
      expect(decided.state).toMatchObject({
        sumInsuredFen: 25_000_000,
        premiumFen: 500_000,
        annualPremiumFen: 500_000,
      });
      for (const sumInsuredFen of [50_000_000, 4_999_999])
        expect(() =>
          endorse(
            issued(),
            { kind: 'sum_insured_decrease', effectiveDate: '2026-03-02', sumInsuredFen },
            product(),
            'r',
            '2026-03-02',
            NOW,
          ),
        ).toThrow(expect.objectContaining({ code: 'ENDORSEMENT.SUM_INSURED' }));
    });
  });

  describe('withdrawal in cooling-off', () => {
    it('refunds all but CNY 10 up to the last day, undoing the policy from its start', () => {
      const decided = withdraw(issued(), '2026-03-17');
      expect(decided.refund).toEqual({
        premiumPaidFen: 1_000_000,
        policyFeeFen: 1000,
        refundFen: 999_000,
        withdrawnOn: '2026-03-17',
      });
      expect(decided.state).toMatchObject({
        status: 'withdrawn',
        endedOn: '2026-03-17',
        nextDueOn: null,
        version: 2,
      });
      expect(decided.version).toMatchObject({ kind: 'withdrawn', effectiveDate: '2026-03-02' });
      expect(decided.retentionFrom).toBe('2026-03-17');
      expect(decided.events[0].type).toBe('contract.policy-withdrawn');
    });

    it('refuses the day after cooling-off, and a policy not in force', () => {
      expect(() => withdraw(issued(), '2026-03-18')).toThrow(
        expect.objectContaining({ code: 'POLICY.COOLING_OFF_OVER' }),
      );
      expect(() => withdraw(withStatus('suspended'), '2026-03-03')).toThrow(PolicyStateError);
    });
  });

  describe('surrender', () => {
    it('pays the cash value of the completed policy years, due in 30 days (Art. 47), in force or suspended', () => {
      for (const status of ['in_force', 'suspended'] as const) {
        const decided = surrender(withStatus(status), product(), '2028-03-02');
        expect(decided.value).toEqual({
          policyYearsCompleted: 2,
          cashValueFen: 600_000,
          loanDeductedFen: 0,
          netPayableFen: 600_000,
          surrenderedOn: '2028-03-02',
          refundDueOn: '2028-04-01',
        });
        expect(decided.state).toMatchObject({ status: 'surrendered', endedOn: '2028-03-02' });
        expect(decided.events[0]).toMatchObject({
          type: 'contract.policy-surrendered',
          payload: { cashValueFen: 600_000 },
        });
      }
    });

    it('tracks the cash value owed (Art. 47): paid on the 30th day on time, the day after late; overdue once', () => {
      const owed = surrender(issued(), product(), '2028-03-02').state;
      expect(owed.surrenderRefund).toEqual({
        amountFen: 600_000,
        dueOn: '2028-04-01',
        paidAt: null,
        bankReference: null,
        overdueSince: null,
      });
      // 24:00 of 1 April in Shanghai is 16:00 UTC.
      const onTime = paySurrenderRefund(owed, {
        paidAt: new Date('2028-04-01T15:59:59Z'),
        bankReference: 'B-1',
      });
      expect(onTime.events[0]).toMatchObject({
        type: 'contract.surrender-refund-paid',
        payload: { late: false },
      });
      const late = paySurrenderRefund(owed, {
        paidAt: new Date('2028-04-01T16:00:00Z'),
        bankReference: 'B-1',
      });
      expect(late.events[0].payload).toMatchObject({ late: true });
      expect(() => paySurrenderRefund(onTime.state, { paidAt: NOW, bankReference: 'B-2' })).toThrow(
        expect.objectContaining({ code: 'REFUND.ALREADY_PAID' }),
      );

      expect(markSurrenderRefundOverdue(owed, '2028-04-01', NOW).events).toEqual([]);
      const overdue = markSurrenderRefundOverdue(owed, '2028-04-02', NOW);
      expect(overdue.events[0]).toMatchObject({
        type: 'contract.surrender-refund-overdue',
        payload: { amountFen: 600_000, dueOn: '2028-04-01' },
      });
      expect(markSurrenderRefundOverdue(overdue.state, '2028-04-03', NOW).events).toEqual([]);
      expect(markSurrenderRefundOverdue(onTime.state, '2028-04-02', NOW).events).toEqual([]);
    });

    it('refuses inside cooling-off and an ended policy', () => {
      expect(() => surrender(issued(), product(), '2026-03-17')).toThrow(
        expect.objectContaining({ code: 'POLICY.INSIDE_COOLING_OFF' }),
      );
      for (const status of ['withdrawn', 'surrendered', 'terminated'] as const)
        expect(() => surrender(withStatus(status), product(), '2028-03-02')).toThrow(PolicyStateError);
    });
  });

  describe('rescission (Art. 16)', () => {
    it('ends the policy inside both windows', () => {
      const decided = rescind(issued(), '2027-03-01', 'undisclosed illness', '2027-03-20');
      expect(decided.state).toMatchObject({
        status: 'terminated',
        endReason: 'rescission: undisclosed illness',
      });
      expect(decided.events[0]).toMatchObject({
        payload: { reason: 'rescission', terminatedOn: '2027-03-20' },
      });
    });

    it('refuses more than 30 days after learning, more than 2 years after formation, and an ended policy', () => {
      expect(() => rescind(issued(), '2027-03-01', 'x', '2027-04-01')).toThrow(
        expect.objectContaining({
          code: 'RESCISSION.THIRTY_DAYS',
          rule: { id: 'RESCISSION.THIRTY_DAYS', source: 'Insurance Law Art. 16' },
        }),
      );
      expect(() => rescind(issued(), '2028-03-01', 'x', '2028-03-03')).toThrow(
        expect.objectContaining({ code: 'RESCISSION.TWO_YEARS' }),
      );
      expect(() => rescind(withStatus('withdrawn'), '2026-03-02', 'x', '2026-03-03')).toThrow(
        PolicyStateError,
      );
    });
  });

  describe('endings after a claim and at maturity', () => {
    it('ends on a death claim or an exhausted limit, and leaves an ended policy alone', () => {
      expect(terminateAfterClaim(issued(), 'death', '2027-01-01')?.state.endReason).toBe('death_claim');
      expect(
        terminateAfterClaim(withStatus('suspended'), 'hospitalisation', '2027-01-01')?.state.endReason,
      ).toBe('limit_exhausted');
      expect(terminateAfterClaim(withStatus('surrendered'), 'death', '2027-01-01')).toBeNull();
    });

    it('matures on the expiry date', () => {
      const decided = mature(issued());
      expect(decided.state).toMatchObject({
        status: 'terminated',
        endedOn: '2046-03-01',
        endReason: 'maturity',
      });
      expect(decided.retentionFrom).toBe('2046-03-01');
    });
  });

  describe('premiums, grace and lapse', () => {
    const renewal = {
      paymentId: 'pay-2',
      amountFen: 1_000_000,
      paidAt: NOW,
      method: 'card' as const,
      payerId: 'ph-1',
      payerType: 'individual' as const,
    };

    it('takes the renewal due, moving the calendar on and clearing any overdue state', () => {
      const decided = payPremium(issued({ overdueSince: '2027-03-02', graceEndsOn: '2027-05-01' }), renewal);
      expect(decided.state).toMatchObject({
        instalmentsPaid: 2,
        nextDueOn: '2028-03-02',
        overdueSince: null,
        graceEndsOn: null,
      });
      expect(decided.payment).toMatchObject({ dueOn: '2027-03-02', kind: 'renewal' });
      expect(decided.events[0].payload).toMatchObject({
        policyYear: 2,
        isFirstPremium: false,
        payerIsPolicyholder: true,
      });
    });

    it('refuses a wrong amount and a policy with nothing due', () => {
      expect(() => payPremium(issued(), { ...renewal, amountFen: 1 })).toThrow(PremiumRuleError);
      expect(() => payPremium(issued({ nextDueOn: null }), renewal)).toThrow(
        expect.objectContaining({ code: 'PREMIUM.NOTHING_DUE' }),
      );
      expect(() => payPremium(withStatus('suspended'), renewal)).toThrow(
        expect.objectContaining({ code: 'PREMIUM.NOTHING_DUE' }),
      );
    });

    it('starts 60 days of grace on a missed premium, then suspends the day after grace, reinstatable for 2 years', () => {
      const overdue = markOverdue(issued()).state;
      expect(overdue).toMatchObject({ overdueSince: '2027-03-02', graceEndsOn: '2027-05-01' });
      const lapsed = lapse(overdue);
      expect(lapsed.state).toMatchObject({
        status: 'suspended',
        lapsedOn: '2027-05-02',
        reinstatableUntil: '2029-05-02',
      });
      expect(lapsed.events[0]).toMatchObject({
        type: 'contract.policy-lapsed',
        payload: { graceEndedOn: '2027-05-01' },
      });
    });
  });

  describe('the demand notice (催告, Art. 36)', () => {
    const overdue = () => markOverdue(issued()).state; // due 2027-03-02, 60 days of grace to 2027-05-01

    it('keeps cover through day 60 of grace without a notice, and suspends it from day 61', () => {
      expect(overdue().graceEndsOn).toBe('2027-05-01');
      expect(suspendedFrom(overdue())).toBe('2027-05-02');
      expect(suspendedFrom(issued())).toBeNull();
    });

    it('ends grace 30 days after the notice when that comes first, and records the notice once', () => {
      const decided = sendDemandNotice(overdue(), 'rep', '2027-03-10', NOW);
      expect(decided.state).toMatchObject({ demandNoticeOn: '2027-03-10', graceEndsOn: '2027-04-09' });
      expect(suspendedFrom(decided.state)).toBe('2027-04-10');
      expect(decided.events[0]).toMatchObject({
        type: 'contract.premium-demand-notice-sent',
        payload: {
          dueOn: '2027-03-02',
          noticeOn: '2027-03-10',
          graceEndsOn: '2027-04-09',
          sentBy: 'rep',
          amountFen: 1_000_000,
        },
      });
      expect(() => sendDemandNotice(decided.state, 'rep', '2027-03-11', NOW)).toThrow(
        expect.objectContaining({ code: 'PREMIUM.DEMAND_ALREADY_SENT' }),
      );
    });

    it('keeps the 60 days when the notice comes later: 30 days after it would end after them', () => {
      expect(sendDemandNotice(overdue(), 'rep', '2027-04-20', NOW).state.graceEndsOn).toBe('2027-05-01');
      // A notice 31 days before the end of grace ends it one day early; 30 days before, on the same day.
      expect(sendDemandNotice(overdue(), 'rep', '2027-03-31', NOW).state.graceEndsOn).toBe('2027-04-30');
      expect(sendDemandNotice(overdue(), 'rep', '2027-04-01', NOW).state.demandNoticeOn).toBe('2027-04-01');
    });

    it('refuses a notice when nothing is overdue or the policy is not in force, and clears it when the premium comes', () => {
      expect(() => sendDemandNotice(issued(), 'rep', '2027-03-01', NOW)).toThrow(
        expect.objectContaining({ code: 'PREMIUM.NOT_OVERDUE' }),
      );
      expect(() => sendDemandNotice(lapse(overdue()).state, 'rep', '2027-05-03', NOW)).toThrow(
        PolicyStateError,
      );
      const noticed = sendDemandNotice(overdue(), 'rep', '2027-03-10', NOW).state;
      const paid = payPremium(noticed, {
        paymentId: 'p',
        amountFen: 1_000_000,
        paidAt: NOW,
        method: 'card',
        payerId: 'ph-1',
        payerType: 'individual',
      });
      expect(paid.state).toMatchObject({ demandNoticeOn: null, graceEndsOn: null, overdueSince: null });
    });
  });

  describe('reinstatement (Art. 37)', () => {
    const suspended = () => lapse(markOverdue(issued()).state).state;
    const input = (arrearsPaidFen: number, answer = false) => ({
      arrearsPaidFen,
      paidAt: NOW.toISOString(),
      method: 'bank_transfer' as const,
      healthAnswers: [{ questionId: 'q1', answer }],
    });

    it('reinstates with every missed premium paid, recorded as arrears, up to the last day', () => {
      const decided = reinstate(suspended(), input(2_000_000), 'pay-3', '2028-03-02');
      expect(decided.state).toMatchObject({
        status: 'in_force',
        instalmentsPaid: 3,
        nextDueOn: '2029-03-02',
        reinstatableUntil: null,
      });
      expect(decided.events.map((e) => e.type)).toEqual([
        'contract.premium-paid',
        'contract.policy-reinstated',
      ]);
      expect(decided.payment).toMatchObject({ kind: 'arrears', amountFen: 2_000_000 });
      expect(reinstate(suspended(), input(3_000_000), 'p', '2029-05-02').state.status).toBe('in_force');
    });

    it('refuses the day after the 2 years, without or with a "yes" health answer, wrong arrears, and a policy in force', () => {
      expect(() => reinstate(suspended(), input(3_000_000), 'p', '2029-05-03')).toThrow(
        expect.objectContaining({ code: 'REINSTATEMENT.TOO_LATE' }),
      );
      expect(() =>
        reinstate(suspended(), { ...input(1_000_000), healthAnswers: [] }, 'p', '2027-06-01'),
      ).toThrow(expect.objectContaining({ code: 'REINSTATEMENT.HEALTH_DECLARATION' }));
      expect(() => reinstate(suspended(), input(1_000_000, true), 'p', '2027-06-01')).toThrow(
        expect.objectContaining({ code: 'REINSTATEMENT.NEEDS_UNDERWRITING' }),
      );
      expect(() => reinstate(suspended(), input(999_999), 'p', '2027-06-01')).toThrow(
        expect.objectContaining({ code: 'REINSTATEMENT.ARREARS', extensions: { arrearsFen: 1_000_000 } }),
      );
      expect(() => reinstate(issued(), input(0), 'p', '2027-06-01')).toThrow(PolicyStateError);
    });
  });

  it('lets staff act on any policy and a customer on their own only', () => {
    expect(isOwnPolicy({ staff: true }, 'ph-1')).toBe(true);
    expect(isOwnPolicy({ staff: false, customerId: 'ph-1' }, 'ph-1')).toBe(true);
    expect(isOwnPolicy({ staff: false, customerId: 'other' }, 'ph-1')).toBe(false);
  });

  it('lets the policyholder and the insured each see a policy, but only the policyholder act on it', () => {
    const policy = { policyholderId: 'mother', insuredId: 'child' };
    expect(mayViewPolicy({ staff: false, customerId: 'mother' }, policy)).toBe(true);
    expect(mayViewPolicy({ staff: false, customerId: 'child' }, policy)).toBe(true);
    expect(mayViewPolicy({ staff: false, customerId: 'neighbour' }, policy)).toBe(false);
    expect(isOwnPolicy({ staff: false, customerId: 'child' }, policy.policyholderId)).toBe(false);
  });

  it('names the rule and its source on a rule refusal', () => {
    expect(new PolicyRuleError('X', 'm', { source: 'Insurance Law Art. 1' })).toMatchObject({
      rule: { id: 'X', source: 'Insurance Law Art. 1' },
    });
  });
});
