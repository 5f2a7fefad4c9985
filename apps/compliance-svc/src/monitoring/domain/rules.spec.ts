import type { DomainEvent, EventPayload, EventType } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { DEFAULT_RULES } from './default-rules';
import { evaluate, isEffective, type RuleVersion } from './rules';

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
    const e = event('sales.quote-issued', { salespersonId: 's-1' });
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

  it('RETURN_VISIT_OVERDUE, COMPLAINT_DEADLINE and CLAIM_DEADLINE fire on their breach events only', () => {
    expect(fires('RETURN_VISIT_OVERDUE', event('sales.return-visit-overdue'))).toBe(true);
    expect(fires('RETURN_VISIT_OVERDUE', event('sales.return-visit-completed'))).toBe(false);
    expect(fires('COMPLAINT_DEADLINE', event('customer.complaint-deadline-breached'))).toBe(true);
    for (const timer of ['decision', 'rejection_notice', 'payment', 'advance_payment'] as const) {
      expect(fires('CLAIM_DEADLINE', event('claims.deadline-breached', { timer }))).toBe(true);
    }
    expect(fires('CLAIM_DEADLINE', event('claims.deadline-warning'))).toBe(false);
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
  });

  it('AML_BULK_SURRENDER and FREQUENT_CHANGES count within their windows', () => {
    expect(fires('AML_BULK_SURRENDER', event('contract.policy-surrendered'), { surrendersInWindow: 3 })).toBe(
      true,
    );
    expect(fires('AML_BULK_SURRENDER', event('contract.policy-surrendered'), { surrendersInWindow: 2 })).toBe(
      false,
    );
    expect(fires('FREQUENT_CHANGES', event('contract.policy-endorsed'), { endorsementsInWindow: 3 })).toBe(
      true,
    );
    expect(fires('FREQUENT_CHANGES', event('contract.policy-endorsed'), { endorsementsInWindow: 2 })).toBe(
      false,
    );
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
