import {
  actionProgress,
  computeKpis,
  kpisBy,
  ratio,
  salespersonRanking,
  NO_FACTS,
  type Facts,
  type Kpis,
  type PolicyFact,
} from './kpis';

const period = { from: '2026-06-01', to: '2026-06-30' };
const policy = (id: string, changes: Partial<PolicyFact> = {}): PolicyFact => ({
  policyId: id,
  productCode: 'TL20',
  channel: 'agent',
  salespersonId: 'S-1',
  issuedOn: '2026-06-10',
  paymentMode: 'annual',
  firstPremiumFen: 100_000,
  quoteId: null,
  withdrawnOn: null,
  endedOn: null,
  renewedYear2: false,
  ...changes,
});
const empty: Facts = NO_FACTS;

const facts: Facts = {
  ...empty,
  policies: [
    policy('p1', { quoteId: 'q1' }),
    policy('p2', {
      quoteId: 'q2',
      withdrawnOn: '2026-06-20',
      firstPremiumFen: 50_000,
      productCode: 'CI30',
      salespersonId: 'S-2',
    }),
    policy('p3', { issuedOn: '2026-05-31' }),
    // 13 months earlier: two regular-premium policies, one of which paid its 13th-month premium, and one single-premium.
    policy('old1', { issuedOn: '2025-05-15', renewedYear2: true }),
    policy('old2', { issuedOn: '2025-05-20' }),
    policy('old3', { issuedOn: '2025-05-25', paymentMode: 'single' }),
  ],
  quotes: [
    { quoteId: 'q1', productCode: 'TL20', channel: 'agent', salespersonId: 'S-1', issuedOn: '2026-06-01' },
    { quoteId: 'q2', productCode: 'CI30', channel: 'agent', salespersonId: 'S-2', issuedOn: '2026-06-02' },
    { quoteId: 'q3', productCode: 'TL20', channel: 'bank', salespersonId: 'S-1', issuedOn: '2026-06-03' },
    { quoteId: 'q4', productCode: 'TL20', channel: 'agent', salespersonId: 'S-1', issuedOn: '2026-06-04' },
  ],
  visits: [
    {
      visitId: 'v1',
      salespersonId: 'S-1',
      productCode: 'TL20',
      channel: 'agent',
      dueOn: '2026-06-24',
      succeeded: true,
    },
    {
      visitId: 'v2',
      salespersonId: 'S-2',
      productCode: 'CI30',
      channel: 'agent',
      dueOn: '2026-06-25',
      succeeded: false,
    },
    {
      visitId: 'v3',
      salespersonId: 'S-1',
      productCode: 'TL20',
      channel: 'agent',
      dueOn: '2026-07-25',
      succeeded: null,
    },
  ],
  claims: [
    {
      claimId: 'c1',
      productCode: 'TL20',
      channel: 'agent',
      salespersonId: 'S-1',
      reportedOn: '2026-06-01',
      decidedOn: '2026-06-05',
      paidOn: '2026-06-11',
      paidFen: 30_000,
      decisionLate: false,
      paymentLate: false,
    },
    {
      claimId: 'c2',
      productCode: 'TL20',
      channel: 'agent',
      salespersonId: 'S-1',
      reportedOn: '2026-05-01',
      decidedOn: '2026-06-15',
      paidOn: '2026-06-30',
      paidFen: 20_000,
      decisionLate: true,
      paymentLate: true,
    },
  ],
  premiums: [
    {
      paymentId: 'm1',
      productCode: 'TL20',
      channel: 'agent',
      salespersonId: 'S-1',
      paidOn: '2026-06-10',
      amountFen: 100_000,
    },
    {
      paymentId: 'm2',
      productCode: 'CI30',
      channel: 'agent',
      salespersonId: 'S-2',
      paidOn: '2026-06-10',
      amountFen: 50_000,
    },
    {
      paymentId: 'm3',
      productCode: 'TL20',
      channel: 'agent',
      salespersonId: 'S-1',
      paidOn: '2026-07-01',
      amountFen: 999_999,
    },
  ],
  complaints: [
    { ticketId: 't1', productCode: 'TL20', channel: 'agent', salespersonId: 'S-1', openedOn: '2026-06-12' },
  ],
  surveys: [
    {
      surveyId: 's1',
      productCode: 'TL20',
      channel: 'agent',
      salespersonId: 'S-1',
      answeredOn: '2026-06-12',
      csat: 5,
      nps: 10,
    },
    {
      surveyId: 's2',
      productCode: 'TL20',
      channel: 'agent',
      salespersonId: 'S-1',
      answeredOn: '2026-06-13',
      csat: 4,
      nps: 9,
    },
    {
      surveyId: 's3',
      productCode: 'CI30',
      channel: 'agent',
      salespersonId: 'S-2',
      answeredOn: '2026-06-14',
      csat: 2,
      nps: 3,
    },
    {
      surveyId: 's4',
      productCode: 'CI30',
      channel: 'agent',
      salespersonId: 'S-2',
      answeredOn: '2026-06-15',
      csat: 3,
      nps: 7,
    },
  ],
  alerts: [
    { alertId: 'a1', ruleId: 'CLAIM_DEADLINE', raisedOn: '2026-06-16' },
    { alertId: 'a2', ruleId: 'CLAIM_DEADLINE', raisedOn: '2026-06-17' },
    { alertId: 'a3', ruleId: 'AML_LARGE_VALUE', raisedOn: '2026-07-01' },
  ],
};

describe('KPI formulas on a hand-computed month', () => {
  // Computed in each test, not once at load: what a test asserts must run inside it.
  let k: Kpis;
  beforeEach(() => {
    k = computeKpis(facts, period);
  });

  it('counts new business issued in the period', () => {
    expect(k.newBusinessPremiumFen).toBe(150_000); // p1 100,000 + p2 50,000; p3 was issued in May
    expect(k.newPolicies).toBe(2);
  });

  it('computes conversion, withdrawal and 13th-month persistency', () => {
    expect(k.quotes).toBe(4);
    expect(k.quoteToPolicyConversion).toBe(0.5); // q1, q2 of 4
    expect(k.coolingOffWithdrawalRate).toBe(0.5); // p2 of 2
    expect(k.persistency13Month).toBe(0.5); // old1 of old1, old2 (single premium left out)
  });

  it('computes return visits and claims', () => {
    expect(k.returnVisitSuccessRate).toBe(0.5); // v1 of v1, v2 (v3 due in July)
    expect(k.claimsPaid).toBe(2);
    expect(k.claimCycleDays).toBe(35); // (10 + 60) / 2
    expect(k.claimsDecidedInTime).toBe(0.5);
    expect(k.claimsPaidInTime).toBe(0.5);
    expect(k.lossRatio).toBe(0.3333); // 50,000 / 150,000
  });

  it('computes complaints per 10,000 policies in force and per CNY 100 million of premium', () => {
    // In force at 30 June: p1, p3, old1, old2, old3 (p2 withdrawn) = 5; 1 complaint -> 2,000 per 10,000.
    expect(k.complaintsPer10kPolicies).toBe(2000);
    // 150,000 fen of premium = CNY 1,500; 1 complaint per CNY 1,500 -> 66,666.67 per CNY 100 million.
    expect(k.complaintsPer100mPremium).toBe(66666.67);
  });

  it('computes CSAT and NPS', () => {
    expect(k.csat).toBe(3.5);
    expect(k.nps).toBe(25); // 2 promoters, 1 detractor, 4 answers
    expect(k.alertsByRule).toEqual({ CLAIM_DEADLINE: 2 });
  });
});

describe('zero denominators', () => {
  it('gives null ratios, not zeros or NaN, for an empty period', () => {
    const k = computeKpis(empty, period);
    expect(k).toMatchObject({
      newBusinessPremiumFen: 0,
      quoteToPolicyConversion: null,
      coolingOffWithdrawalRate: null,
      persistency13Month: null,
      returnVisitSuccessRate: null,
      claimCycleDays: null,
      lossRatio: null,
      complaintsPer10kPolicies: null,
      complaintsPer100mPremium: null,
      csat: null,
      nps: null,
    });
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 3)).toBe(0.3333);
  });
});

describe('slices and rankings', () => {
  it('splits by product and by day', () => {
    const byProduct = kpisBy(facts, period, 'product');
    expect(byProduct.map((r) => [r.key, r.kpis.newPolicies])).toEqual([
      ['CI30', 1],
      ['TL20', 1],
    ]);
    const byDay = kpisBy(facts, { from: '2026-06-09', to: '2026-06-10' }, 'day');
    expect(byDay.map((r) => [r.key, r.kpis.newPolicies])).toEqual([
      ['2026-06-09', 0],
      ['2026-06-10', 2],
    ]);
  });

  it('ranks salespeople by new-business premium', () => {
    expect(salespersonRanking(facts, period)).toEqual([
      { rank: 1, salespersonId: 'S-1', newBusinessPremiumFen: 100_000, newPolicies: 1, conversion: 0.3333 },
      { rank: 2, salespersonId: 'S-2', newBusinessPremiumFen: 50_000, newPolicies: 1, conversion: 1 },
    ]);
  });

  it('measures an action’s progress from baseline to target', () => {
    expect(actionProgress(0.8, 0.9, 0.85)).toBe(0.5);
    expect(actionProgress(0.8, 0.9, null)).toBeNull();
    expect(actionProgress(0.8, 0.8, 0.85)).toBeNull();
  });
});

describe('KPI edges', () => {
  const premium = { productCode: null, channel: null, salespersonId: null, paidOn: '2026-06-15' };

  it('counts a policy in force at the period end only if issued by then, not ended by then and not withdrawn', () => {
    const k = computeKpis(
      {
        ...empty,
        policies: [
          policy('issued-on-last-day', { issuedOn: '2026-06-30' }),
          policy('issued-after', { issuedOn: '2026-07-01' }),
          policy('ended-on-last-day', { endedOn: '2026-06-30' }),
          policy('ends-after', { endedOn: '2026-07-01' }),
          policy('withdrawn', { withdrawnOn: '2026-06-20' }),
          policy('never-issued', { issuedOn: null }),
        ],
        complaints: [
          { ticketId: 't', productCode: null, channel: null, salespersonId: null, openedOn: '2026-06-05' },
        ],
        premiums: [{ paymentId: 'p', amountFen: 100_000, ...premium }],
      },
      period,
    );
    // In force on 30 June: issued-on-last-day and ends-after; one complaint per 2 policies.
    expect(k.complaintsPer10kPolicies).toBe(5000);
    expect(k.newPolicies).toBe(4);
  });

  it('reads NPS at its edges (9 promotes, 6 detracts, 7 and 8 are passive) and only reached visits as successes', () => {
    const survey = (nps: number) => ({
      surveyId: `s${nps}`,
      productCode: null,
      channel: null,
      salespersonId: null,
      answeredOn: '2026-06-10',
      csat: 4,
      nps,
    });
    const visit = (succeeded: boolean | null, id: string) => ({
      visitId: id,
      salespersonId: null,
      productCode: null,
      channel: null,
      dueOn: '2026-06-10',
      succeeded,
    });
    const k = computeKpis(
      {
        ...empty,
        surveys: [survey(9), survey(8), survey(7), survey(6)],
        visits: [visit(true, 'a'), visit(false, 'b'), visit(null, 'c'), visit(true, 'd')],
      },
      period,
    );
    expect(k.nps).toBe(0); // 1 promoter, 1 detractor of 4
    expect(k.returnVisitSuccessRate).toBe(0.5);
  });

  it('counts late decisions and payments against the statutory limits', () => {
    const claim = (id: string, decisionLate: boolean, paymentLate: boolean) => ({
      claimId: id,
      productCode: null,
      channel: null,
      salespersonId: null,
      reportedOn: '2026-06-01',
      decidedOn: '2026-06-05',
      paidOn: '2026-06-08',
      paidFen: 1_000,
      decisionLate,
      paymentLate,
    });
    const k = computeKpis(
      {
        ...empty,
        claims: [
          claim('a', true, false),
          claim('b', false, true),
          claim('c', false, false),
          claim('d', false, false),
        ],
      },
      period,
    );
    expect([k.claimsDecidedInTime, k.claimsPaidInTime, k.claimCycleDays]).toEqual([0.75, 0.75, 7]);
  });

  it('ranks by premium, then policies, then id, and leaves out sales without a salesperson', () => {
    const ranked = salespersonRanking(
      {
        ...empty,
        policies: [
          policy('a', { salespersonId: 'S-B', firstPremiumFen: 500 }),
          policy('b', { salespersonId: 'S-A', firstPremiumFen: 500 }),
          policy('c', { salespersonId: 'S-C', firstPremiumFen: 250 }),
          policy('d', { salespersonId: 'S-C', firstPremiumFen: 250 }),
          policy('e', { salespersonId: null, firstPremiumFen: 9_000 }),
          policy('f', { salespersonId: 'S-D', firstPremiumFen: 300 }),
        ],
      },
      period,
    );
    expect(ranked.map((r) => [r.rank, r.salespersonId, r.newBusinessPremiumFen, r.newPolicies])).toEqual([
      [1, 'S-C', 500, 2],
      [2, 'S-A', 500, 1],
      [3, 'S-B', 500, 1],
      [4, 'S-D', 300, 1],
    ]);
  });
});
