import type { DomainEvent, EventPayload, EventType } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { alertText } from './alert-texts';
import { DEFAULT_RULES } from './default-rules';
import { evaluate, isEffective, moneyFlowOf, type MoneyFlow, type RuleVersion } from './rules';

function event<T extends EventType>(type: T, changes: Partial<EventPayload<T>> = {}): DomainEvent {
  return {
    eventId: '3f0e8c1a-5b7d-4e2a-9c1b-0d2e3f4a5b6c',
    type,
    version: 1,
    occurredAt: '2026-06-01T02:00:00.000Z',
    producer: 'test',
    aggregateId: 'x',
    correlationId: 'c',
    causationId: null,
    payload: { ...eventFixtures[type], ...changes },
  } as DomainEvent;
}

const rule = (id: string): RuleVersion => {
  const found = DEFAULT_RULES.find((r) => r.ruleId === id);
  if (!found) throw new Error(id);
  return found;
};
const fires = (id: string, e: DomainEvent, ctx = {}) => evaluate(rule(id), e, ctx).length > 0;
/** A sale as producers before contracts 1.10.0 sent it: no salesperson standing of its own. */
const olderProducer = (salespersonId: string) => ({ salespersonId, salespersonStanding: undefined });

describe('compliance rules, each tripped and just missed', () => {
  it('SALE_ABOVE_RISK_LEVEL: R3 to a C2 customer, or an assessment expired the day before', () => {
    const base = {
      productRiskGrade: 'R3' as const,
      customerRiskLevel: 'C3' as const,
      riskLevelValidUntil: '2026-06-01',
      submittedAt: '2026-06-01T02:00:00.000Z',
    };
    expect(fires('SALE_ABOVE_RISK_LEVEL', event('sales.application-submitted', base))).toBe(false);
    expect(
      fires(
        'SALE_ABOVE_RISK_LEVEL',
        event('sales.application-submitted', { ...base, customerRiskLevel: 'C2' }),
      ),
    ).toBe(true);
    expect(
      fires(
        'SALE_ABOVE_RISK_LEVEL',
        event('sales.application-submitted', { ...base, riskLevelValidUntil: '2026-05-31' }),
      ),
    ).toBe(true);
  });

  it('DUAL_RECORDING_MISSING: required and absent, not when present or not required', () => {
    expect(
      fires(
        'DUAL_RECORDING_MISSING',
        event('sales.application-submitted', { dualRecordingRequired: true, dualRecording: null }),
      ),
    ).toBe(true);
    expect(
      fires(
        'DUAL_RECORDING_MISSING',
        event('sales.application-submitted', { dualRecordingRequired: false, dualRecording: null }),
      ),
    ).toBe(false);
  });

  it('SALESPERSON_NOT_QUALIFIED: 29.5 hours trips, 30 does not; unlicensed and unknown trip', () => {
    const qualified = {
      grade: 'G2',
      licenceValidUntil: '2027-01-01',
      training: { hoursByYear: { '2026': 30 }, serviceStartedOn: '2020-01-01' },
      status: 'active',
    };
    // A quote from a producer before contracts 1.10.0: no standing of its own, judged on compliance's replica.
    const e = event('sales.quote-issued', { salespersonId: 's-1', salespersonStanding: undefined });
    expect(fires('SALESPERSON_NOT_QUALIFIED', e, { salesperson: () => qualified })).toBe(false);
    expect(
      fires('SALESPERSON_NOT_QUALIFIED', e, {
        salesperson: () => ({
          ...qualified,
          training: { hoursByYear: { '2025': 29.5, '2026': 29.5 }, serviceStartedOn: '2020-01-01' },
        }),
      }),
    ).toBe(true);
    expect(
      fires('SALESPERSON_NOT_QUALIFIED', e, {
        salesperson: () => ({ ...qualified, licenceValidUntil: '2026-05-31' }),
      }),
    ).toBe(true);
    expect(fires('SALESPERSON_NOT_QUALIFIED', e, { salesperson: () => undefined })).toBe(true);
  });

  it('SALESPERSON_NOT_QUALIFIED: a sale carrying its standing is judged on it, whatever the replica holds', () => {
    const standing: NonNullable<EventPayload<'sales.application-submitted'>['salespersonStanding']> = {
      grade: 'G2',
      maxProductGrade: 'R3',
      licenceNumber: 'L-1',
      licenceValidUntil: '2027-01-01',
      trainingHoursByYear: { '2026': 30 },
      serviceStartedOn: '2020-01-01',
      status: 'active',
    };
    const sale = (changes: Partial<typeof standing>) =>
      event('sales.application-submitted', { salespersonStanding: { ...standing, ...changes } });
    // Not registered with compliance yet (its registration comes under another key): qualified as of the sale.
    expect(fires('SALESPERSON_NOT_QUALIFIED', sale({}), { salesperson: () => undefined })).toBe(false);
    // Trained, licensed and reinstated since: the sale was made without, and is flagged.
    const since = {
      grade: 'G3',
      licenceValidUntil: '2030-01-01',
      training: { hoursByYear: { '2026': 60 }, serviceStartedOn: '2020-01-01' },
      status: 'active',
    };
    expect(
      evaluate(
        rule('SALESPERSON_NOT_QUALIFIED'),
        sale({
          grade: null,
          licenceValidUntil: '2026-05-31',
          trainingHoursByYear: { '2025': 29.5, '2026': 29.5 },
          status: 'suspended',
        }),
        { salesperson: () => since },
      ).map((f) => f.summary),
    ).toEqual(['salesperson sp-1 sold while ungraded, unlicensed, under the training hours, suspended']);
    // An application for a product above the grade's authority (G2 sells up to R3).
    expect(
      evaluate(
        rule('SALESPERSON_NOT_QUALIFIED'),
        event('sales.application-submitted', { productRiskGrade: 'R4', salespersonStanding: standing }),
      ).map((f) => f.summary),
    ).toEqual(['salesperson sp-1 sold while graded G2 (up to R3) for an R4 product']);
    expect(
      fires(
        'SALESPERSON_NOT_QUALIFIED',
        event('sales.application-submitted', { productRiskGrade: 'R3', salespersonStanding: standing }),
      ),
    ).toBe(false);
    // Suspended after the sale: the sale stands.
    expect(
      fires('SALESPERSON_NOT_QUALIFIED', sale({}), {
        salesperson: () => ({ ...since, status: 'suspended' }),
      }),
    ).toBe(false);
  });

  it('RETURN_VISIT_OVERDUE, COMPLAINT_DEADLINE and CLAIM_DEADLINE fire on their breach events only', () => {
    expect(fires('RETURN_VISIT_OVERDUE', event('sales.return-visit-overdue'))).toBe(true);
    expect(fires('RETURN_VISIT_OVERDUE', event('sales.return-visit-completed'))).toBe(false);
    expect(fires('COMPLAINT_DEADLINE', event('customer.complaint-deadline-breached'))).toBe(true);
    for (const timer of ['decision', 'rejection_notice', 'payment', 'advance_payment'] as const) {
      expect(fires('CLAIM_DEADLINE', event('claims.deadline-breached', { timer }))).toBe(true);
    }
    expect(fires('CLAIM_DEADLINE', event('claims.deadline-warning'))).toBe(false);
  });

  it('SURRENDER_REFUND_LATE fires on an unpaid surrender refund past its 30 days (Art. 47), once per policy', () => {
    expect(fires('SURRENDER_REFUND_LATE', event('contract.surrender-refund-overdue'))).toBe(true);
    expect(fires('SURRENDER_REFUND_LATE', event('contract.surrender-refund-paid'))).toBe(false);
    const [finding] = evaluate(rule('SURRENDER_REFUND_LATE'), event('contract.surrender-refund-overdue'));
    expect(finding).toMatchObject({
      subject: { kind: 'policy' },
      dedupeKey: `SURRENDER_REFUND_LATE:${eventFixtures['contract.surrender-refund-overdue'].policyId}`,
    });
    expect(rule('SURRENDER_REFUND_LATE').source).toBe('Insurance Law Art. 47');
  });

  it('AML_LARGE_VALUE at the PBoC thresholds: cash 50,000, individual transfer 500,000, corporate 2,000,000 yuan', () => {
    const pay = (
      method: 'cash' | 'bank_transfer',
      payerType: 'individual' | 'corporate',
      amountFen: number,
    ) => fires('AML_LARGE_VALUE', event('contract.premium-paid', { method, payerType, amountFen }));
    expect(pay('cash', 'individual', 5_000_000)).toBe(true);
    expect(pay('cash', 'individual', 4_999_999)).toBe(false);
    expect(pay('bank_transfer', 'individual', 50_000_000)).toBe(true);
    expect(pay('bank_transfer', 'individual', 49_999_999)).toBe(false);
    expect(pay('bank_transfer', 'corporate', 200_000_000)).toBe(true);
    expect(pay('bank_transfer', 'corporate', 199_999_999)).toBe(false);
    expect(
      evaluate(
        rule('AML_LARGE_VALUE'),
        event('contract.premium-paid', { method: 'cash', amountFen: 5_000_000 }),
      )[0].transaction,
    ).toMatchObject({
      kind: 'large_value',
      amountFen: 5_000_000,
    });
  });

  it('AML_QUICK_WITHDRAWAL: a large premium withdrawn within 15 days of issue', () => {
    const base = { premiumPaidFen: 20_000_000, issuedAt: '2026-03-01T02:00:00.000Z' };
    expect(
      fires(
        'AML_QUICK_WITHDRAWAL',
        event('contract.policy-withdrawn', { ...base, withdrawnOn: '2026-03-16' }),
      ),
    ).toBe(true);
    expect(
      fires(
        'AML_QUICK_WITHDRAWAL',
        event('contract.policy-withdrawn', { ...base, withdrawnOn: '2026-03-17' }),
      ),
    ).toBe(false);
    expect(
      fires(
        'AML_QUICK_WITHDRAWAL',
        event('contract.policy-withdrawn', {
          ...base,
          premiumPaidFen: 19_999_999,
          withdrawnOn: '2026-03-05',
        }),
      ),
    ).toBe(false);
  });

  it('AML_LARGE_VALUE: foreign cash at USD 10,000 by the configured rate, one cent under does not', () => {
    const usdCash = (cents: number) =>
      event('contract.premium-paid', {
        method: 'cash',
        amountFen: 100,
        currency: 'USD',
        currencyAmountMinor: cents,
      });
    expect(fires('AML_LARGE_VALUE', usdCash(1_000_000))).toBe(true);
    expect(fires('AML_LARGE_VALUE', usdCash(999_999))).toBe(false);
    // HKD 78,125 at 0.128 is USD 10,000; the rate is a rule parameter.
    const hkd = (cents: number) =>
      event('contract.premium-paid', {
        method: 'cash',
        amountFen: 100,
        currency: 'HKD',
        currencyAmountMinor: cents,
      });
    expect(fires('AML_LARGE_VALUE', hkd(7_812_500))).toBe(true);
    expect(fires('AML_LARGE_VALUE', hkd(7_812_400))).toBe(false);
    const dearer = {
      ...rule('AML_LARGE_VALUE'),
      parameters: { ...rule('AML_LARGE_VALUE').parameters, usdRates: { HKD: 0.2 } },
    };
    expect(evaluate(dearer, hkd(5_000_000))).toHaveLength(1);
    const [finding] = evaluate(rule('AML_LARGE_VALUE'), usdCash(1_200_000));
    expect(finding!.transaction).toMatchObject({
      currency: 'USD',
      currencyAmountMinor: 1_200_000,
      direction: 'in',
    });
  });

  it('AML_LARGE_VALUE on payouts: refunds, surrender refunds, loans, benefits and claims at CNY 500,000 by transfer', () => {
    const payouts = [
      event('contract.policy-withdrawn', { refundFen: 50_000_000 }),
      event('contract.surrender-refund-paid', { amountFen: 50_000_000 }),
      event('contract.policy-loan-granted', { amountFen: 50_000_000 }),
      event('contract.survival-benefit-paid', { paidFen: 50_000_000 }),
      event('claims.claim-paid', { amountFen: 50_000_000 }),
    ];
    for (const payout of payouts) {
      const [finding] = evaluate(rule('AML_LARGE_VALUE'), payout);
      expect(finding?.transaction).toMatchObject({
        direction: 'out',
        method: 'bank_transfer',
        amountFen: 50_000_000,
      });
    }
    expect(fires('AML_LARGE_VALUE', event('claims.claim-paid', { amountFen: 49_999_999 }))).toBe(false);
    expect(fires('AML_LARGE_VALUE', event('contract.surrender-refund-paid', { amountFen: 49_999_999 }))).toBe(
      false,
    );
  });

  it('AML_STRUCTURING: 3 payments in 7 days, each under CNY 50,000, together at it; not with 2, nor one at the threshold', () => {
    // The last of the payments, made on the third day; the party's flows around it include it.
    const pay = event('contract.premium-paid', {
      amountFen: 1_700_000,
      method: 'cash',
      paidAt: '2026-06-03T02:00:00.000Z',
    });
    const flows = (...amounts: number[]) =>
      amounts.map((amountFen, i) => ({ amountFen, occurredAt: `2026-06-0${i + 1}T02:00:00.000Z` }));
    expect(fires('AML_STRUCTURING', pay, { flowsAround: flows(1_700_000, 1_700_000, 1_600_000) })).toBe(true);
    expect(fires('AML_STRUCTURING', pay, { flowsAround: flows(1_700_000, 1_700_000, 1_599_999) })).toBe(
      false,
    );
    expect(fires('AML_STRUCTURING', pay, { flowsAround: flows(2_500_000, 2_500_000) })).toBe(false);
    expect(fires('AML_STRUCTURING', pay, { flowsAround: flows(5_000_000, 100, 100) })).toBe(false);
    // The reverse: money taken out in pieces.
    const [out] = evaluate(
      rule('AML_STRUCTURING'),
      event('contract.policy-loan-granted', { amountFen: 2_000_000, grantedAt: '2026-06-03T02:00:00.000Z' }),
      {
        flowsAround: flows(2_000_000, 2_000_000, 2_000_000),
      },
    );
    expect(out).toMatchObject({
      transaction: { direction: 'out', amountFen: 6_000_000, kind: 'suspicious' },
    });
    expect(out!.dedupeKey).toMatch(/:out:2026-06-01$/);
  });

  it('AML_STRUCTURING judges every window a payment falls in, so payments applied latest first are still found', () => {
    const at = (day: string, amountFen = 1_700_000) => ({
      amountFen,
      occurredAt: `2026-06-${day}T02:00:00.000Z`,
    });
    const earliest = event('contract.premium-paid', {
      amountFen: 1_700_000,
      method: 'cash',
      paidAt: '2026-06-01T02:00:00.000Z',
    });
    // The payments of the 3rd and 5th came first (other policies, other keys): the window ending on the 5th holds
    // all three once the 1st's is applied, and is named by its first day as it would have been in order.
    const [found, ...more] = evaluate(rule('AML_STRUCTURING'), earliest, {
      flowsAround: [at('01'), at('03'), at('05')],
    });
    expect(more).toEqual([]);
    expect(found).toMatchObject({
      dedupeKey: expect.stringMatching(/:in:2026-06-01$/),
      transaction: { amountFen: 5_100_000 },
    });
    // A payment exactly a window after this one is in no window with it.
    expect(
      fires('AML_STRUCTURING', earliest, { flowsAround: [at('01'), at('07'), at('08', 1_600_000)] }),
    ).toBe(false);
    // Two windows holding this payment, with different first days: one finding each.
    const middle = event('contract.premium-paid', {
      amountFen: 1_700_000,
      method: 'cash',
      paidAt: at('05').occurredAt,
    });
    expect(
      evaluate(rule('AML_STRUCTURING'), middle, {
        flowsAround: [at('01'), at('03'), at('05'), at('09')],
      }).map((f) => f.dedupeKey.slice(-10)),
    ).toEqual(['2026-06-01', '2026-06-03']);
  });

  it('AML_IDENTITY_THEN_PURCHASE: an application on the day of a failed verification and 30 days after, not 31', () => {
    const submittedAt = '2026-06-30T02:00:00.000Z';
    const application = event('sales.application-submitted', { submittedAt });
    const at = (day: string) => ({ identityRejectedAt: `${day}T02:00:00.000Z` });
    expect(fires('AML_IDENTITY_THEN_PURCHASE', application, at('2026-06-30'))).toBe(true);
    expect(fires('AML_IDENTITY_THEN_PURCHASE', application, at('2026-05-31'))).toBe(true);
    expect(fires('AML_IDENTITY_THEN_PURCHASE', application, at('2026-05-30'))).toBe(false);
    expect(fires('AML_IDENTITY_THEN_PURCHASE', application, { identityRejectedAt: null })).toBe(false);
  });

  it('AML_IDENTITY_THEN_PURCHASE from the failure, for applications applied before it: the same window, the same alert', () => {
    const rejected = event('customer.identity-rejected', { rejectedAt: '2026-05-31T02:00:00.000Z' });
    const made = (applicationId: string, day: string) => ({
      applicationId,
      submittedAt: `${day}T02:00:00.000Z`,
    });
    const findings = evaluate(rule('AML_IDENTITY_THEN_PURCHASE'), rejected, {
      applicationsAround: [
        made('a-day-before', '2026-05-30'),
        made('on-the-day', '2026-05-31'),
        made('thirty-days-after', '2026-06-30'),
        made('thirty-one-days-after', '2026-07-01'),
      ],
    });
    expect(findings.map((f) => f.dedupeKey)).toEqual([
      'AML_IDENTITY_THEN_PURCHASE:on-the-day',
      'AML_IDENTITY_THEN_PURCHASE:thirty-days-after',
    ]);
    expect(findings[0].subject).toEqual({
      kind: 'customer',
      id: eventFixtures['customer.identity-rejected'].customerId,
    });
    // Applied the other way round, the application finds the failure and raises the alert under the same key.
    const [forward] = evaluate(
      rule('AML_IDENTITY_THEN_PURCHASE'),
      event('sales.application-submitted', {
        applicationId: 'thirty-days-after',
        policyholderId: eventFixtures['customer.identity-rejected'].customerId,
        submittedAt: '2026-06-30T02:00:00.000Z',
      }),
      { identityRejectedAt: '2026-05-31T02:00:00.000Z' },
    );
    expect(forward).toEqual(findings[1]);
    expect(fires('AML_IDENTITY_THEN_PURCHASE', rejected, { applicationsAround: [] })).toBe(false);
    expect(fires('AML_IDENTITY_THEN_PURCHASE', rejected)).toBe(false);
  });

  it('AML_PREMIUM_OVER_INCOME: a year of premiums one fen over the declared income, not at it', () => {
    const monthly = event('sales.application-submitted', { premiumFen: 1_000_000, paymentMode: 'monthly' });
    expect(fires('AML_PREMIUM_OVER_INCOME', monthly, { declaredIncomeFen: 11_999_999 })).toBe(true);
    expect(fires('AML_PREMIUM_OVER_INCOME', monthly, { declaredIncomeFen: 12_000_000 })).toBe(false);
    expect(fires('AML_PREMIUM_OVER_INCOME', monthly, { declaredIncomeFen: null })).toBe(false);
  });

  it('AML_PREMIUM_OVER_INCOME from the registration or an income change, for applications applied before it: the same alert', () => {
    const monthly = event('sales.application-submitted', { premiumFen: 1_000_000, paymentMode: 'monthly' });
    const [byApplication] = evaluate(rule('AML_PREMIUM_OVER_INCOME'), monthly, {
      declaredIncomeFen: 11_999_999,
    });
    const registered = event('customer.customer-registered', {
      customerId: eventFixtures['sales.application-submitted'].policyholderId,
      annualIncomeFen: 11_999_999,
    });
    const applications = [
      {
        applicationId: eventFixtures['sales.application-submitted'].applicationId,
        annualPremiumFen: 12_000_000,
      },
      { applicationId: 'a-at-income', annualPremiumFen: 11_999_999 },
    ];
    expect(
      evaluate(rule('AML_PREMIUM_OVER_INCOME'), registered, { applicationsOfPolicyholder: applications }),
    ).toEqual([byApplication]);
    // A changed income in a profile update is set against the applications since it, as a registration's is.
    const raised = event('customer.profile-updated', {
      customerId: eventFixtures['sales.application-submitted'].policyholderId,
      changedFields: ['annualIncomeFen'],
      facts: { annualIncomeFen: 11_999_999 },
    });
    expect(
      evaluate(rule('AML_PREMIUM_OVER_INCOME'), raised, { applicationsOfPolicyholder: applications }),
    ).toEqual([byApplication]);
    expect(
      fires(
        'AML_PREMIUM_OVER_INCOME',
        event('customer.profile-updated', {
          changedFields: ['occupationClass'],
          facts: { occupationClass: 2 },
        }),
        { applicationsOfPolicyholder: applications },
      ),
    ).toBe(false);
    // No income declared: nothing to set the premiums against.
    expect(
      fires(
        'AML_PREMIUM_OVER_INCOME',
        event('customer.customer-registered', { annualIncomeFen: undefined }),
        { applicationsOfPolicyholder: applications },
      ),
    ).toBe(false);
  });

  it('AML_THIRD_PARTY_PAYER: a payer who is not the policyholder, above the minimum', () => {
    expect(
      fires(
        'AML_THIRD_PARTY_PAYER',
        event('contract.premium-paid', { payerIsPolicyholder: false, amountFen: 1_000_000 }),
      ),
    ).toBe(true);
    expect(
      fires(
        'AML_THIRD_PARTY_PAYER',
        event('contract.premium-paid', { payerIsPolicyholder: false, amountFen: 999_999 }),
      ),
    ).toBe(false);
    expect(
      fires(
        'AML_THIRD_PARTY_PAYER',
        event('contract.premium-paid', { payerIsPolicyholder: true, amountFen: 9_000_000 }),
      ),
    ).toBe(false);
    // A payer the application named with a relationship is expected; "other" is no relationship.
    const byThirdParty = event('contract.premium-paid', { payerIsPolicyholder: false, amountFen: 1_000_000 });
    expect(fires('AML_THIRD_PARTY_PAYER', byThirdParty, { payerRelationship: 'spouse' })).toBe(false);
    expect(fires('AML_THIRD_PARTY_PAYER', byThirdParty, { payerRelationship: 'other' })).toBe(true);
  });

  it('AML_THIRD_PARTY_PAYER: a premium before its application is known is judged when the application is', () => {
    // The first premium comes before the policy's issue, which links the policy to its application.
    const byThirdParty = event('contract.premium-paid', { payerIsPolicyholder: false, amountFen: 1_000_000 });
    expect(fires('AML_THIRD_PARTY_PAYER', byThirdParty, { payerStatement: 'policy-unknown' })).toBe(false);
    expect(fires('AML_THIRD_PARTY_PAYER', byThirdParty, { payerStatement: 'application-unknown' })).toBe(
      false,
    );
    const onPayment = evaluate(rule('AML_THIRD_PARTY_PAYER'), byThirdParty, { payerStatement: 'known' });
    expect(onPayment).toHaveLength(1);
    // A renewal of a policy compliance never saw issued has no issue coming: judged at once, with no statement.
    const renewal = event('contract.premium-paid', {
      payerIsPolicyholder: false,
      amountFen: 1_000_000,
      isFirstPremium: false,
      policyYear: 2,
    });
    expect(fires('AML_THIRD_PARTY_PAYER', renewal, { payerStatement: 'policy-unknown' })).toBe(true);
    expect(fires('AML_THIRD_PARTY_PAYER', renewal, { payerStatement: 'application-unknown' })).toBe(false);
    const pay = eventFixtures['contract.premium-paid'];
    const awaiting = (relationship: string | null, amountFen = 1_000_000) => ({
      eventId: byThirdParty.eventId,
      paymentId: pay.paymentId,
      payerId: pay.payerId,
      amountFen,
      flow: { ...(moneyFlowOf(byThirdParty) as MoneyFlow), amountFen },
      relationship,
    });
    // Whichever of the issue and the application comes last finds the same alert as the payment would have.
    for (const later of [event('contract.policy-issued'), event('sales.application-submitted')]) {
      const judged = (...premiums: ReturnType<typeof awaiting>[]) =>
        evaluate(rule('AML_THIRD_PARTY_PAYER'), later, { premiumsAwaitingStatement: premiums });
      expect(judged(awaiting(null))).toEqual([
        { ...onPayment[0], about: { eventId: byThirdParty.eventId, occurredAt: pay.paidAt } },
      ]);
      expect(judged(awaiting('other'))).toHaveLength(1);
      expect(judged(awaiting('spouse'), awaiting(null, 999_999))).toEqual([]);
      expect(judged()).toEqual([]);
    }
  });

  it('AML_BULK_SURRENDER judges every window a surrender falls in, so surrenders applied latest first are found', () => {
    const first = event('contract.policy-surrendered', { surrenderedOn: '2027-04-01' });
    const around = (...list: string[]) => ({ surrendersAround: list });
    // The surrenders of 20 April and 1 May came first: the window ending on 1 May holds all three now.
    expect(
      evaluate(rule('AML_BULK_SURRENDER'), first, around('2027-04-01', '2027-04-20', '2027-05-01')).map(
        (f) => [f.dedupeKey.slice(-7), f.summary],
      ),
    ).toEqual([['2027-05', '3 surrenders by one policyholder within 30 days']]);
    // One a day more than a window after this one is in no window with it.
    expect(fires('AML_BULK_SURRENDER', first, around('2027-04-01', '2027-04-20', '2027-05-02'))).toBe(false);
  });

  it('AML_BULK_SURRENDER and FREQUENT_CHANGES count within their windows', () => {
    // Three of the policyholder's policies surrendered in the 30 days to this one's (2027-05-01), or two.
    const days = (...list: string[]) => ({ surrendersAround: list });
    const surrendered = event('contract.policy-surrendered');
    expect(fires('AML_BULK_SURRENDER', surrendered, days('2027-04-01', '2027-04-20', '2027-05-01'))).toBe(
      true,
    );
    expect(fires('AML_BULK_SURRENDER', surrendered, days('2027-03-31', '2027-04-20', '2027-05-01'))).toBe(
      false,
    );
    expect(fires('FREQUENT_CHANGES', event('contract.policy-endorsed'), { endorsementsInWindow: 3 })).toBe(
      true,
    );
    expect(fires('FREQUENT_CHANGES', event('contract.policy-endorsed'), { endorsementsInWindow: 2 })).toBe(
      false,
    );
    // A new policyholder is a change of the contract too.
    const passed = event('contract.policyholder-changed');
    expect(fires('FREQUENT_CHANGES', passed, { endorsementsInWindow: 3 })).toBe(true);
    expect(fires('FREQUENT_CHANGES', passed, { endorsementsInWindow: 2 })).toBe(false);
  });
});

describe('rule versions', () => {
  it('apply from their effective date to their end date, inclusive', () => {
    const v: RuleVersion = {
      ...rule('AML_LARGE_VALUE'),
      effectiveFrom: '2026-06-01',
      effectiveTo: '2026-12-31',
    };
    expect(isEffective(v, '2026-05-31')).toBe(false);
    expect(isEffective(v, '2026-06-01')).toBe(true);
    expect(isEffective(v, '2026-12-31')).toBe(true);
    expect(isEffective(v, '2027-01-01')).toBe(false);
  });

  it('take their thresholds from parameters, not code', () => {
    const stricter: RuleVersion = {
      ...rule('AML_LARGE_VALUE'),
      version: 2,
      parameters: { cashFen: 1_000_000 },
    };
    expect(
      evaluate(stricter, event('contract.premium-paid', { method: 'cash', amountFen: 1_000_000 })),
    ).toHaveLength(1);
  });
});

describe('what each rule reports, in full', () => {
  /** The findings as an officer reads them: the alert's English summary and its message in Chinese. */
  const reported = (...args: Parameters<typeof evaluate>) =>
    evaluate(...args).map(({ message, ...finding }) => ({
      ...finding,
      inChinese: alertText(message, 'zh-CN'),
    }));
  const f = eventFixtures;
  const qualified = {
    grade: 'G2',
    licenceValidUntil: '2027-01-01',
    training: { hoursByYear: { '2026': 30 }, serviceStartedOn: '2020-01-01' },
    status: 'active',
  };

  it('names the customer, the application and the reason of a sale above the level or on an expired assessment', () => {
    const a = f['sales.application-submitted'];
    const base = { productRiskGrade: 'R3' as const, submittedAt: '2026-06-01T02:00:00.000Z' };
    expect(
      reported(
        rule('SALE_ABOVE_RISK_LEVEL'),
        event('sales.application-submitted', { ...base, customerRiskLevel: 'C2', riskLevelValidUntil: null }),
      ),
    ).toEqual([
      {
        subject: { kind: 'customer', id: a.policyholderId },
        summary: `application ${a.applicationId} sells R3 to a C2 customer`,
        inChinese: `投保单${a.applicationId}向风险承受能力为C2的客户销售R3级产品`,
        dedupeKey: `SALE_ABOVE_RISK_LEVEL:${a.applicationId}`,
      },
    ]);
    expect(
      reported(
        rule('SALE_ABOVE_RISK_LEVEL'),
        event('sales.application-submitted', { ...base, customerRiskLevel: null, riskLevelValidUntil: null }),
      )[0].summary,
    ).toBe(`application ${a.applicationId} sells R3 to a unassessed customer`);
    expect(
      reported(
        rule('SALE_ABOVE_RISK_LEVEL'),
        event('sales.application-submitted', {
          ...base,
          customerRiskLevel: 'C5',
          riskLevelValidUntil: '2026-05-31',
        }),
      )[0].summary,
    ).toBe(`application ${a.applicationId} was taken on an assessment that expired on 2026-05-31`);
  });

  it('names the salesperson of an unrecorded sale', () => {
    const a = f['sales.application-submitted'];
    expect(
      reported(
        rule('DUAL_RECORDING_MISSING'),
        event('sales.application-submitted', { dualRecordingRequired: true, dualRecording: null }),
      ),
    ).toEqual([
      {
        subject: { kind: 'salesperson', id: a.salespersonId },
        summary: `application ${a.applicationId} needed a recording of the sale and has none`,
        inChinese: `投保单${a.applicationId}应有销售过程录音录像，但没有`,
        dedupeKey: `DUAL_RECORDING_MISSING:${a.applicationId}`,
      },
    ]);
  });

  it('lists every problem of an unqualified salesperson, by quote or by application', () => {
    const q = f['sales.quote-issued'];
    const person = { ...qualified, grade: null, licenceValidUntil: null, status: 'suspended' };
    expect(
      reported(rule('SALESPERSON_NOT_QUALIFIED'), event('sales.quote-issued', olderProducer('s-1')), {
        salesperson: () => ({
          ...person,
          training: { hoursByYear: {}, serviceStartedOn: '2020-01-01' },
        }),
      }),
    ).toEqual([
      {
        subject: { kind: 'salesperson', id: 's-1' },
        summary: 'salesperson s-1 sold while ungraded, unlicensed, under the training hours, suspended',
        inChinese: '销售人员s-1不具备销售资格：未分级；无有效执业登记；年度培训学时不足；已暂停执业',
        dedupeKey: `SALESPERSON_NOT_QUALIFIED:${q.quoteId}`,
      },
    ]);
    const a = f['sales.application-submitted'];
    expect(
      reported(rule('SALESPERSON_NOT_QUALIFIED'), event('sales.application-submitted', olderProducer('s-2'))),
    ).toEqual([
      {
        subject: { kind: 'salesperson', id: 's-2' },
        summary: 'salesperson s-2 sold while unknown to compliance',
        inChinese: '销售人员s-2不具备销售资格：合规部门无其登记信息',
        dedupeKey: `SALESPERSON_NOT_QUALIFIED:${a.applicationId}`,
      },
    ]);
    // The licence's last valid day is the event's day (2026-06-01 in Shanghai): still licensed.
    expect(
      reported(rule('SALESPERSON_NOT_QUALIFIED'), event('sales.quote-issued', olderProducer('sp-1')), {
        salesperson: () => ({ ...qualified, licenceValidUntil: '2026-06-01' }),
      }),
    ).toEqual([]);
  });

  it('reports breaches of return visits, claim timers and complaints with their subjects', () => {
    const v = f['sales.return-visit-overdue'];
    expect(reported(rule('RETURN_VISIT_OVERDUE'), event('sales.return-visit-overdue'))).toEqual([
      {
        subject: { kind: 'policy', id: v.policyId },
        summary: `return visit for policy ${v.policyId} not done by ${v.dueOn}`,
        inChinese: `保单${v.policyId}的回访未在${v.dueOn}前完成`,
        dedupeKey: `RETURN_VISIT_OVERDUE:${v.visitId}`,
      },
    ]);
    const c = f['claims.deadline-breached'];
    expect(
      reported(rule('CLAIM_DEADLINE'), event('claims.deadline-breached', { timer: 'rejection_notice' })),
    ).toEqual([
      {
        subject: { kind: 'claim', id: c.claimId },
        summary: `claim ${c.claimId}: rejection notice deadline ${c.dueOn} passed`,
        inChinese: `赔案${c.claimId}的拒赔通知时限（${c.dueOn}）已过`,
        dedupeKey: `CLAIM_DEADLINE:${c.claimId}:rejection_notice`,
      },
    ]);
    const onlyPayment = { ...rule('CLAIM_DEADLINE'), parameters: { timers: ['payment'] } };
    expect(reported(onlyPayment, event('claims.deadline-breached', { timer: 'decision' }))).toEqual([]);
    expect(reported(onlyPayment, event('claims.deadline-breached', { timer: 'payment' }))).toHaveLength(1);
    const t = f['customer.complaint-deadline-breached'];
    expect(reported(rule('COMPLAINT_DEADLINE'), event('customer.complaint-deadline-breached'))).toEqual([
      {
        subject: { kind: 'ticket', id: t.ticketId },
        summary: `complaint ${t.ticketId} unanswered past ${t.dueOn}`,
        inChinese: `投诉${t.ticketId}逾期未答复（应于${t.dueOn}前答复）`,
        dedupeKey: `COMPLAINT_DEADLINE:${t.ticketId}`,
      },
    ]);
  });

  it('records the AML transactions with amount, method and party', () => {
    const pay = f['contract.premium-paid'];
    expect(
      reported(
        rule('AML_LARGE_VALUE'),
        event('contract.premium-paid', { method: 'cash', amountFen: 5_000_000, payerType: 'individual' }),
      ),
    ).toEqual([
      {
        subject: { kind: 'customer', id: pay.payerId },
        summary: `large-value cash payment (premium) of 50000 yuan on policy ${pay.policyId}`,
        inChinese: `保单${pay.policyId}大额现金收款（保费）¥50,000.00`,
        dedupeKey: `AML_LARGE_VALUE:${pay.paymentId}`,
        transaction: {
          kind: 'large_value',
          amountFen: 5_000_000,
          method: 'cash',
          partyId: pay.payerId,
          direction: 'in',
          currency: 'CNY',
          currencyAmountMinor: null,
          counterparty: pay.payerId,
          policyId: pay.policyId,
          purpose: 'premium',
        },
      },
    ]);
    expect(
      reported(
        rule('AML_THIRD_PARTY_PAYER'),
        event('contract.premium-paid', { payerIsPolicyholder: false, amountFen: 1_000_000, method: 'card' }),
      ),
    ).toEqual([
      {
        subject: { kind: 'policy', id: pay.policyId },
        summary: `premium of 10000 yuan paid by ${pay.payerId}, who is not the policyholder, with no stated relationship`,
        inChinese: `保费¥10,000.00由非投保人${pay.payerId}缴纳，且未说明其与投保人的关系`,
        dedupeKey: `AML_THIRD_PARTY_PAYER:${pay.paymentId}`,
        transaction: {
          kind: 'suspicious',
          amountFen: 1_000_000,
          method: 'card',
          partyId: pay.payerId,
          direction: 'in',
          currency: 'CNY',
          currencyAmountMinor: null,
          counterparty: pay.payerId,
          policyId: pay.policyId,
          purpose: 'premium',
        },
      },
    ]);
    expect(
      reported(
        rule('AML_THIRD_PARTY_PAYER'),
        event('contract.premium-paid', { payerIsPolicyholder: false, amountFen: 999_999 }),
      ),
    ).toEqual([]);
    expect(
      reported(
        rule('AML_THIRD_PARTY_PAYER'),
        event('contract.premium-paid', { payerIsPolicyholder: true, amountFen: 9_000_000 }),
      ),
    ).toEqual([]);
  });

  it('reports a quick withdrawal, bulk surrenders and frequent changes with their windows', () => {
    const w = f['contract.policy-withdrawn'];
    const issuedAt = '2026-06-01T02:00:00.000Z';
    const quick = (changes: Record<string, unknown>) =>
      reported(
        rule('AML_QUICK_WITHDRAWAL'),
        event('contract.policy-withdrawn', { issuedAt, premiumPaidFen: 20_000_000, ...changes }),
      );
    expect(quick({ withdrawnOn: '2026-06-16', refundFen: 19_999_000 })).toEqual([
      {
        subject: { kind: 'customer', id: w.policyholderId },
        summary: `policy ${w.policyId} withdrawn 2026-06-16 soon after a premium of 200000 yuan`,
        inChinese: `保单${w.policyId}缴纳保费¥200,000.00后不久即于2026-06-16撤单`,
        dedupeKey: `AML_QUICK_WITHDRAWAL:${w.policyId}`,
        transaction: {
          kind: 'suspicious',
          amountFen: 19_999_000,
          method: 'bank_transfer',
          partyId: w.policyholderId,
          direction: 'out',
          currency: 'CNY',
          currencyAmountMinor: null,
          counterparty: w.policyholderId,
          policyId: w.policyId,
          purpose: 'withdrawal_refund',
        },
      },
    ]);
    expect(quick({ withdrawnOn: '2026-06-17' })).toEqual([]);
    expect(quick({ withdrawnOn: '2026-06-10', premiumPaidFen: 19_999_999 })).toEqual([]);

    const s = f['contract.policy-surrendered'];
    expect(
      reported(rule('AML_BULK_SURRENDER'), event('contract.policy-surrendered'), {
        surrendersAround: [s.surrenderedOn, s.surrenderedOn, s.surrenderedOn],
      }),
    ).toEqual([
      {
        subject: { kind: 'customer', id: s.policyholderId },
        summary: '3 surrenders by one policyholder within 30 days',
        inChinese: '同一投保人30日内退保3次',
        dedupeKey: `AML_BULK_SURRENDER:${s.policyholderId}:${s.surrenderedOn.slice(0, 7)}`,
        transaction: {
          kind: 'suspicious',
          amountFen: s.cashValueFen,
          method: 'bank_transfer',
          partyId: s.policyholderId,
          direction: 'out',
          currency: 'CNY',
          currencyAmountMinor: null,
          counterparty: s.policyholderId,
          policyId: s.policyId,
          purpose: 'surrender',
        },
      },
    ]);
    expect(
      reported(rule('AML_BULK_SURRENDER'), event('contract.policy-surrendered'), {
        surrendersAround: [s.surrenderedOn, s.surrenderedOn],
      }),
    ).toEqual([]);
    const e = f['contract.policy-endorsed'];
    expect(
      reported(rule('FREQUENT_CHANGES'), event('contract.policy-endorsed'), { endorsementsInWindow: 3 }),
    ).toEqual([
      {
        subject: { kind: 'policy', id: e.policyId },
        summary: `3 changes to policy ${e.policyId} within 90 days`,
        inChinese: `保单${e.policyId}在90日内批改3次`,
        dedupeKey: `FREQUENT_CHANGES:${e.policyId}:${e.policyVersion}`,
      },
    ]);
    expect(
      reported(rule('FREQUENT_CHANGES'), event('contract.policy-endorsed'), { endorsementsInWindow: 2 }),
    ).toEqual([]);
  });

  it('reports a policy passed to a new policyholder whose identity is not verified (customer due diligence)', () => {
    const t = f['contract.policyholder-changed'];
    expect(
      reported(rule('AML_TRANSFER_UNVERIFIED'), event('contract.policyholder-changed'), {
        newPolicyholderVerified: false,
      }),
    ).toEqual([
      {
        subject: { kind: 'customer', id: t.policyholderId },
        summary: `policy ${t.policyId} passed to new policyholder ${t.policyholderId}, whose identity has not been verified`,
        inChinese: `保单${t.policyId}变更给新投保人${t.policyholderId}，其身份尚未核验`,
        dedupeKey: `AML_TRANSFER_UNVERIFIED:${t.policyId}:${t.policyVersion}`,
      },
    ]);
    expect(
      reported(rule('AML_TRANSFER_UNVERIFIED'), event('contract.policyholder-changed'), {
        newPolicyholderVerified: true,
      }),
    ).toEqual([]);
    // Only a change of policyholder is its event.
    expect(
      reported(rule('AML_TRANSFER_UNVERIFIED'), event('contract.policy-endorsed'), {
        newPolicyholderVerified: false,
      }),
    ).toEqual([]);
  });

  it('ignores every event that is not its own', () => {
    const unrelated = event('customer.personal-data-accessed');
    for (const r of DEFAULT_RULES)
      expect([
        r.ruleId,
        evaluate(r, unrelated, { surrendersAround: Array(9).fill('2026-06-01'), endorsementsInWindow: 9 }),
      ]).toEqual([r.ruleId, []]);
  });
});
