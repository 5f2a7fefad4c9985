import { payeeRetainedUntil } from './payee-retention';

const policy = { effectiveDate: '2026-01-01', expiryDate: '2046-01-01', endedOn: '2030-05-01' };
const paid = { status: 'paid', paidAt: new Date('2029-03-10T04:00:00Z'), decidedAt: null, policy };

describe('how long a claim keeps its sealed payee data after an erasure request', () => {
  it('keeps it while the claim is open or the policy runs', () => {
    expect(payeeRetainedUntil({ ...paid, status: 'assessed' }, 10)).toBeNull();
    expect(payeeRetainedUntil({ ...paid, policy: { ...policy, endedOn: null } }, 10)).toBeNull();
    expect(payeeRetainedUntil({ ...paid, policy: null }, 10)).toBeNull();
  });

  it('takes the later of Art. 87 (10 years after a long contract ends) and the AML period after the payment', () => {
    expect(payeeRetainedUntil(paid, 10)).toBe('2040-05-01');
    // A payment later than the contract's end by more than the difference: the AML period decides.
    expect(payeeRetainedUntil({ ...paid, paidAt: new Date('2031-02-01T04:00:00Z') }, 10)).toBe('2041-02-01');
  });

  it('keeps a one-year contract 5 years after it ends, and a rejected claim from its rejection', () => {
    const oneYear = { effectiveDate: '2026-01-01', expiryDate: '2027-01-01', endedOn: '2027-01-01' };
    const rejected = {
      status: 'rejected',
      paidAt: null,
      decidedAt: new Date('2026-06-01T04:00:00Z'),
      policy: oneYear,
    };
    expect(payeeRetainedUntil(rejected, 5)).toBe('2032-01-01');
    expect(payeeRetainedUntil(rejected, 10)).toBe('2036-06-01');
  });
});
