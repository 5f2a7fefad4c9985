import {
  cashValueOn,
  coolingOffEndsOn,
  dueDate,
  expiryDate,
  graceEndsOn,
  isInsideCoolingOff,
  reinstatableUntil,
  rescissionAllowed,
  retainRecordsUntil,
  surrenderRefundDueOn,
  totalInstalments,
  withdrawalRefund,
} from './policy-terms';

describe('cooling-off', () => {
  it('runs the product days from the day after receipt and includes its last day', () => {
    expect(coolingOffEndsOn('2026-03-01', 15)).toBe('2026-03-16');
    expect(coolingOffEndsOn('2028-02-20', 15)).toBe('2028-03-06'); // through 29 February
    expect(isInsideCoolingOff('2026-03-16', '2026-03-16')).toBe(true);
    expect(isInsideCoolingOff('2026-03-16', '2026-03-17')).toBe(false);
  });

  it('refunds the full premium less a policy fee of at most CNY 10', () => {
    expect(withdrawalRefund(88_500)).toEqual({ policyFeeFen: 1000, refundFen: 87_500 });
    expect(withdrawalRefund(600)).toEqual({ policyFeeFen: 600, refundFen: 0 });
  });
});

describe('premium schedule and grace', () => {
  it('counts instalments over the payment term', () => {
    expect(totalInstalments('annual', 20)).toBe(20);
    expect(totalInstalments('monthly', 10)).toBe(120);
    expect(totalInstalments('single', 1)).toBe(1);
  });

  it('keeps the due day through month ends: effective 31 January falls due 29 February then 31 March', () => {
    expect(dueDate('2028-01-31', 'monthly', 1)).toBe('2028-02-29');
    expect(dueDate('2028-01-31', 'monthly', 2)).toBe('2028-03-31');
    expect(dueDate('2028-02-29', 'annual', 1)).toBe('2029-02-28');
    expect(dueDate('2028-02-29', 'annual', 4)).toBe('2032-02-29');
  });

  it('gives 60 days of grace from the due date, then 2 years to reinstate', () => {
    expect(graceEndsOn('2026-01-31')).toBe('2026-04-01');
    expect(graceEndsOn('2028-01-01')).toBe('2028-03-01');
    expect(reinstatableUntil('2028-02-29')).toBe('2030-02-28');
  });

  it('ends cover the day before the anniversary of the term', () => {
    expect(expiryDate('2026-03-02', 20)).toBe('2046-03-01');
    expect(expiryDate('2028-02-29', 1)).toBe('2029-02-27');
  });
});

describe('surrender', () => {
  const values = [0, 1200, 3100];

  it('pays nothing before the first anniversary and the end-of-year value after it', () => {
    expect(cashValueOn(values, '2026-03-02', '2027-03-01', 50_000_000)).toEqual({
      policyYearsCompleted: 0,
      cashValueFen: 0,
    });
    expect(cashValueOn(values, '2026-03-02', '2028-03-02', 50_000_000)).toEqual({
      policyYearsCompleted: 2,
      cashValueFen: 600_000,
    });
    expect(cashValueOn(values, '2026-03-02', '2040-01-01', 50_000_000).cashValueFen).toBe(1_550_000);
  });

  it('is due within 30 days', () => {
    expect(surrenderRefundDueOn('2026-12-15')).toBe('2027-01-14');
  });
});

describe('rescission for non-disclosure (Art. 16)', () => {
  it('is allowed within 30 days of learning and 2 years of formation', () => {
    expect(rescissionAllowed('2026-01-10', '2026-06-01', '2026-07-01')).toEqual({ allowed: true });
    expect(rescissionAllowed('2026-01-10', '2026-06-01', '2026-07-02')).toMatchObject({
      allowed: false,
      rule: 'RESCISSION.THIRTY_DAYS',
    });
    expect(rescissionAllowed('2026-01-10', '2028-01-01', '2028-01-10')).toEqual({ allowed: true });
    expect(rescissionAllowed('2026-01-10', '2028-01-01', '2028-01-11')).toMatchObject({
      allowed: false,
      rule: 'RESCISSION.TWO_YEARS',
    });
  });
});

describe('record retention (Art. 87)', () => {
  it('keeps 5 years after cover up to a year and 10 after longer cover', () => {
    expect(retainRecordsUntil('2027-03-01', 1)).toBe('2032-03-01');
    expect(retainRecordsUntil('2046-03-01', 20)).toBe('2056-03-01');
  });
});
