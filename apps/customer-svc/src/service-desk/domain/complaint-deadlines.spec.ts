import { complaintDueOn, isBreached, nextExtension } from './complaint-deadlines';

// 10:00 on 1 March 2026 in Shanghai.
const received = new Date('2026-03-01T02:00:00Z');

describe('complaint answer deadlines (CBIRC Order 2020 No. 3)', () => {
  it('gives 15 days counted from the day after receipt', () => {
    expect(complaintDueOn(received, 'standard')).toBe('2026-03-16');
  });

  it('is breached only after 24:00 Shanghai time of the due date', () => {
    expect(isBreached('2026-03-16', new Date('2026-03-16T15:59:59Z'))).toBe(false);
    expect(isBreached('2026-03-16', new Date('2026-03-16T16:00:00Z'))).toBe(true);
  });

  it('extends to 30 days without approval', () => {
    expect(nextExtension(received, 'standard', new Date('2026-03-10T00:00:00Z'), false)).toEqual({
      ok: true,
      stage: 'extended',
      dueOn: '2026-03-31',
      needsApproval: false,
    });
  });

  it('needs a manager for a further 30 days, and allows no third extension', () => {
    const now = new Date('2026-03-25T00:00:00Z');
    expect(nextExtension(received, 'extended', now, false)).toMatchObject({
      ok: false,
      rule: 'COMPLAINT.APPROVAL_REQUIRED',
    });
    expect(nextExtension(received, 'extended', now, true)).toEqual({
      ok: true,
      stage: 'further_extended',
      dueOn: '2026-04-30',
      needsApproval: true,
    });
    expect(nextExtension(received, 'further_extended', now, true)).toMatchObject({
      ok: false,
      rule: 'COMPLAINT.NO_MORE_EXTENSIONS',
    });
  });

  it('refuses to extend a deadline that has already passed', () => {
    expect(nextExtension(received, 'standard', new Date('2026-03-17T00:00:00Z'), false)).toMatchObject({
      ok: false,
      rule: 'COMPLAINT.DEADLINE_PASSED',
    });
  });
});
