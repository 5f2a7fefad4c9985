import { retentionOf, retentionOver, type RetainedPolicy } from './retention';

const policy = (over: Partial<RetainedPolicy> = {}): RetainedPolicy => ({
  policyId: 'p-1',
  status: 'in_force',
  effectiveDate: '2026-01-10',
  expiryDate: '2046-01-10',
  endedOn: null,
  ...over,
});

describe('retention of a customer’s records (Insurance Law Art. 87, AML record keeping)', () => {
  it('keeps nothing for a customer who never had a policy: shredded at once', () => {
    const none = retentionOf([], 10);
    expect(none).toEqual({ until: null, grounds: [] });
    expect(retentionOver(none, '2026-12-02')).toBe(true);
  });

  it('keeps everything with no end date while a policy runs, citing both laws', () => {
    const r = retentionOf([policy()], 10);
    expect(r.until).toBeNull();
    expect(r.grounds.map((g) => [g.rule, g.until])).toEqual([
      ['RETENTION.INSURANCE_RECORDS', null],
      ['RETENTION.AML_IDENTITY_RECORDS', null],
    ]);
    expect(r.grounds[0]!.source).toBe('Insurance Law Art. 87');
    expect(retentionOver(r, '2099-01-01')).toBe(false);
  });

  it('keeps a long-term contract 10 years after it ends, and the AML period runs from the end too', () => {
    const r = retentionOf([policy({ status: 'surrendered', endedOn: '2027-03-01' })], 10);
    expect(r.grounds.map((g) => g.until)).toEqual(['2037-03-01', '2037-03-01']);
    expect(r.until).toBe('2037-03-01');
    expect(retentionOver(r, '2037-02-28')).toBe(false);
    expect(retentionOver(r, '2037-03-01')).toBe(true);
    expect(retentionOver(r, '2037-03-02')).toBe(true);
  });

  it('keeps a contract of one year or less 5 years (Art. 87), but the AML setting can keep identity longer', () => {
    const oneYear = policy({ expiryDate: '2027-01-10', status: 'terminated', endedOn: '2027-01-10' });
    const r = retentionOf([oneYear], 10);
    expect(r.grounds.map((g) => g.until)).toEqual(['2032-01-10', '2037-01-10']);
    expect(r.until).toBe('2037-01-10');
    // With a 5-year AML setting the two periods end together.
    expect(retentionOf([oneYear], 5).until).toBe('2032-01-10');
    // One day longer than a year is a long-term contract.
    const longer = policy({ expiryDate: '2027-01-11', status: 'terminated', endedOn: '2027-01-11' });
    expect(retentionOf([longer], 5).grounds[0]!.until).toBe('2037-01-11');
  });

  it('waits for the last policy: one ended and one running keeps everything open; both ended, the later end counts', () => {
    const ended = policy({ policyId: 'p-1', status: 'withdrawn', endedOn: '2026-01-20' });
    expect(retentionOf([ended, policy({ policyId: 'p-2' })], 10).until).toBeNull();
    const r = retentionOf(
      [ended, policy({ policyId: 'p-2', status: 'terminated', endedOn: '2030-06-30' })],
      10,
    );
    expect(r.until).toBe('2040-06-30');
  });

  it('counts a suspended (lapsed) policy as running: it can still be reinstated', () => {
    expect(retentionOf([policy({ status: 'suspended' })], 10).until).toBeNull();
  });
});
