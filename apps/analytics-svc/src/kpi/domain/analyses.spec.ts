import { claimStage, claimsAgeing, premiumSeries, sliceFacts } from './analyses';
import { NO_FACTS, computeKpis, type ClaimFact, type Facts, type PremiumFact } from './kpis';

const empty: Facts = NO_FACTS;
const premium = (
  id: string,
  paidOn: string,
  amountFen: number,
  channel: string,
  productCode: string,
): PremiumFact => ({
  paymentId: id,
  productCode,
  channel,
  salespersonId: channel === 'bank' ? 'S-B' : 'S-A',
  paidOn,
  amountFen,
});
const claim = (id: string, changes: Partial<ClaimFact>): ClaimFact => ({
  claimId: id,
  productCode: 'PA1',
  channel: 'agent',
  salespersonId: 'S-A',
  reportedOn: '2026-06-01',
  decidedOn: null,
  paidOn: null,
  paidFen: 0,
  decisionLate: false,
  paymentLate: false,
  decision: null,
  decisionDueOn: null,
  paymentDueOn: null,
  ...changes,
});

describe('premium over time by channel or product', () => {
  const facts: Facts = {
    ...empty,
    premiums: [
      premium('a', '2026-06-01', 10_000, 'agent', 'PA1'),
      premium('b', '2026-06-01', 5_000, 'bank', 'CI30'),
      premium('c', '2026-06-03', 7_000, 'agent', 'CI30'),
      premium('before', '2026-05-31', 99_000, 'agent', 'PA1'),
      premium('after', '2026-06-04', 99_000, 'bank', 'PA1'),
    ],
  };

  it('gives every day of the period a figure per channel, largest channel first, nothing outside the period', () => {
    expect(premiumSeries(facts, { from: '2026-06-01', to: '2026-06-03' }, 'channel')).toEqual({
      days: ['2026-06-01', '2026-06-02', '2026-06-03'],
      series: [
        { key: 'agent', fen: [10_000, 0, 7_000], totalFen: 17_000 },
        { key: 'bank', fen: [5_000, 0, 0], totalFen: 5_000 },
      ],
    });
  });

  it('splits by product the same premiums, adding up to the same total', () => {
    const byProduct = premiumSeries(facts, { from: '2026-06-01', to: '2026-06-03' }, 'product');
    expect(byProduct.series).toEqual([
      { key: 'CI30', fen: [5_000, 0, 7_000], totalFen: 12_000 },
      { key: 'PA1', fen: [10_000, 0, 0], totalFen: 10_000 },
    ]);
  });

  it('drills down to one channel for every analysis', () => {
    const bank = sliceFacts(facts, { channel: 'bank' });
    expect(bank.premiums.map((p) => p.paymentId)).toEqual(['b', 'after']);
    expect(sliceFacts(facts, { channel: 'agent', product: 'PA1' }).premiums.map((p) => p.paymentId)).toEqual([
      'a',
      'before',
    ]);
    expect(sliceFacts(facts, {})).toBe(facts);
    expect(sliceFacts(facts, { salesperson: 'S-B' }).premiums).toHaveLength(2);
    // KPIs of a slice are the KPIs of its facts.
    expect(computeKpis(bank, { from: '2026-06-01', to: '2026-06-30' }).lossRatio).toBe(0);
  });
});

describe('claims against their statutory deadlines', () => {
  const asOf = '2026-07-10';

  it('places a claim by its events: documents, decision clock, approval, payment, rejection', () => {
    expect(claimStage(claim('a', {}))).toBe('awaiting_documents');
    expect(claimStage(claim('a', { decisionDueOn: '2026-07-01' }))).toBe('deciding');
    // An advance paid while deciding does not close the claim.
    expect(claimStage(claim('a', { decisionDueOn: '2026-07-01', paidOn: '2026-06-20', paidFen: 100 }))).toBe(
      'deciding',
    );
    expect(claimStage(claim('a', { decision: 'approve', decidedOn: '2026-06-20' }))).toBe('awaiting_payment');
    expect(
      claimStage(
        claim('a', { decision: 'approve', decidedOn: '2026-06-20', paidOn: '2026-06-25', paidFen: 5 }),
      ),
    ).toBe('paid');
    expect(claimStage(claim('a', { decision: 'reject', decidedOn: '2026-06-20' }))).toBe('rejected');
  });

  it('counts the open ones by age band and by their standing against the running deadline', () => {
    const facts: Facts = {
      ...empty,
      claims: [
        claim('new', { reportedOn: '2026-07-08' }),
        // Deciding: due in 20 days, due in 5 days, due yesterday, and one flagged late by claims-svc.
        claim('ok', { reportedOn: '2026-06-25', decisionDueOn: '2026-07-30' }),
        claim('soon', { reportedOn: '2026-06-10', decisionDueOn: '2026-07-15' }),
        claim('over', { reportedOn: '2026-05-01', decisionDueOn: '2026-07-09' }),
        claim('flagged', { reportedOn: '2026-06-01', decisionDueOn: '2026-07-20', decisionLate: true }),
        claim('to-pay', {
          reportedOn: '2026-06-01',
          decision: 'approve',
          decidedOn: '2026-07-05',
          paymentDueOn: '2026-07-15',
        }),
        claim('paid', { decision: 'approve', decidedOn: '2026-06-20', paidOn: '2026-06-22', paidFen: 1 }),
        claim('paid-late', {
          decision: 'approve',
          decidedOn: '2026-06-20',
          paidOn: '2026-07-09',
          paidFen: 1,
          paymentLate: true,
        }),
        claim('rejected', { decision: 'reject', decidedOn: '2026-06-20' }),
        claim('future', { reportedOn: '2026-07-11' }),
      ],
    };
    const ageing = claimsAgeing(facts, asOf);
    expect(ageing.total).toBe(9);
    const row = (stage: string) => ageing.rows.find((r) => r.stage === stage);
    expect(row('awaiting_documents')).toEqual({
      stage: 'awaiting_documents',
      count: 1,
      byAge: { '0-7': 1, '8-30': 0, '31-60': 0, '61+': 0 },
      byDeadline: { no_clock: 1, on_track: 0, due_soon: 0, overdue: 0 },
      oldestDays: 2,
      inTime: null,
    });
    expect(row('deciding')).toEqual({
      stage: 'deciding',
      count: 4,
      byAge: { '0-7': 0, '8-30': 2, '31-60': 1, '61+': 1 },
      byDeadline: { no_clock: 0, on_track: 1, due_soon: 1, overdue: 2 },
      oldestDays: 70,
      inTime: null,
    });
    expect(row('awaiting_payment')?.byDeadline).toEqual({
      no_clock: 0,
      on_track: 0,
      due_soon: 1,
      overdue: 0,
    });
    expect(row('paid')).toMatchObject({ count: 2, byDeadline: null, inTime: 1 });
    expect(row('rejected')).toMatchObject({ count: 1, inTime: 1 });
  });
});
