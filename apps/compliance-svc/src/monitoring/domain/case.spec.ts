import { assign, close, comment, escalate, newCase, openFromAlerts, type CaseState } from './case';
import { AlertTakenError, CaseStateError } from './case.errors';

const NOW = new Date('2026-03-02T02:00:00Z');
const open = (): CaseState => newCase('k-1', 'medium', NOW);

describe('the compliance case', () => {
  it('opens from free alerts at the most severe alert, and refuses an alert already in a case', () => {
    const step = openFromAlerts(
      'k-2',
      [
        { alertId: 'a-1', severity: 'low', caseId: null },
        { alertId: 'a-2', severity: 'high', caseId: null },
        { alertId: 'a-3', severity: 'medium', caseId: null },
      ],
      'officer',
      NOW,
    );
    expect(step.state).toMatchObject({ caseId: 'k-2', status: 'open', severity: 'high', openedAt: NOW });
    expect(step.note).toEqual({ kind: 'comment', author: 'officer', text: 'case opened from 3 alert(s)' });
    expect(() =>
      openFromAlerts('k-3', [{ alertId: 'a-9', severity: 'low', caseId: 'k-1' }], 'officer', NOW),
    ).toThrow(AlertTakenError);
  });

  it('starts the investigation on assignment, and reassigns without changing an escalated status', () => {
    const assigned = assign(open(), 'officer-2', 'lead');
    expect(assigned.state).toMatchObject({ status: 'investigating', assignee: 'officer-2' });
    expect(assigned.note).toEqual({ kind: 'assignment', author: 'lead', text: 'assigned to officer-2' });
    const escalated = escalate(assigned.state, 'lead', 'regulator interest', NOW).state;
    expect(assign(escalated, 'officer-3', 'lead').state.status).toBe('escalated');
  });

  it('keeps comments and evidence on an active case without changing it', () => {
    const c = open();
    expect(comment(c, 'o', 'bank statement', 'evidence')).toEqual({
      state: c,
      note: { kind: 'evidence', author: 'o', text: 'bank statement' },
    });
  });

  it('escalates once, from open or investigating only', () => {
    const escalated = escalate(open(), 'o', 'why', NOW).state;
    expect(escalated).toMatchObject({ status: 'escalated', escalatedAt: NOW });
    expect(() => escalate(escalated, 'o', 'again', NOW)).toThrow(CaseStateError);
  });

  it('closes with a resolution and every alert, and refuses any step afterwards', () => {
    const closed = close(open(), 'o', 'remediated', 'fixed', ['a-1', 'a-2'], NOW);
    expect(closed.state).toMatchObject({
      status: 'closed',
      closedBy: 'o',
      resolution: 'remediated',
      closedAt: NOW,
    });
    expect(closed.event).toEqual({
      caseId: 'k-1',
      alertIds: ['a-1', 'a-2'],
      resolution: 'remediated',
      closedBy: 'o',
      closedAt: NOW.toISOString(),
    });
    expect(() => assign(closed.state, 'x', 'o')).toThrow(CaseStateError);
    expect(() => comment(closed.state, 'o', 't', 'comment')).toThrow(CaseStateError);
    expect(() => escalate(closed.state, 'o', 'r', NOW)).toThrow(CaseStateError);
    expect(() => close(closed.state, 'o', 'no_breach', 'n', [], NOW)).toThrow(CaseStateError);
  });
});
