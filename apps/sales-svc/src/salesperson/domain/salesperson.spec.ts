import { assertNoticeUnsent, depart, recordTraining, register, registered, standing } from './salesperson';
import { SalespersonStateError } from './salesperson.errors';

const NOW = new Date('2026-03-02T02:00:00Z');
const input = {
  salespersonId: 's-1',
  name: '王五',
  grade: 'G2' as const,
  licenceNumber: 'L1',
  licenceValidUntil: '2028-01-01',
};

describe('the salesperson aggregate', () => {
  it('registers active from today, and an update keeps the hours, the start and the status', () => {
    const first = register(null, input, NOW);
    expect(first).toMatchObject({
      status: 'active',
      trainingHoursByYear: {},
      createdAt: NOW,
      departedOn: null,
    });
    const trained = recordTraining(first, 12.25, '2026-02-01', NOW);
    const later = new Date('2026-06-01T00:00:00Z');
    const updated = register({ ...trained, status: 'suspended' }, { ...input, grade: 'G3' }, later);
    expect(updated).toMatchObject({ grade: 'G3', status: 'suspended', createdAt: NOW, updatedAt: later });
    expect(updated.trainingHoursByYear).toEqual({ '2026': 12.3 });
    expect(register(first, { ...input, status: 'suspended' }, NOW).status).toBe('suspended');
  });

  it('counts hours in the calendar year of completion, to a tenth', () => {
    const person = register(null, input, NOW);
    const a = recordTraining(person, 20, '2025-12-31', NOW);
    const b = recordTraining(a, 10.04, '2026-01-01', NOW);
    expect(b.trainingHoursByYear).toEqual({ '2025': 20, '2026': 10 });
  });

  it('announces the standing with this year hours and the grade ceiling', () => {
    const person = recordTraining(register(null, input, NOW), 31, '2026-01-10', NOW);
    expect(registered(person, NOW)).toMatchObject({
      maxProductGrade: expect.any(String),
      trainingHoursThisYear: 31,
      serviceStartedOn: '2026-03-02',
      status: 'active',
    });
    expect(registered({ ...person, grade: null }, NOW).maxProductGrade).toBeNull();
    expect(standing(person).training).toEqual({
      hoursByYear: { '2026': 31 },
      serviceStartedOn: '2026-03-02',
    });
  });

  it('departs once, owing each affected customer a notice within 30 days', () => {
    const person = register(null, input, NOW);
    const decided = depart(person, '2026-03-10', [{ policyId: 'p-1', policyholderId: 'c-1' }], NOW);
    expect(decided.state).toMatchObject({ status: 'departed', departedOn: '2026-03-10' });
    expect(decided.noticeDueOn).toBe('2026-04-09');
    expect(decided.event.affected).toEqual([{ customerId: 'c-1', policyId: 'p-1' }]);
    expect(() => depart(decided.state, '2026-03-11', [], NOW)).toThrow(SalespersonStateError);
    expect(() => register(decided.state, input, NOW)).toThrow(/has departed/);
  });

  it('sends a departure notice once', () => {
    expect(() => assertNoticeUnsent({ sentAt: null })).not.toThrow();
    expect(() => assertNoticeUnsent({ sentAt: NOW })).toThrow(SalespersonStateError);
  });
});
