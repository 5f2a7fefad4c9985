import type { EventPayload } from '@insurer/contracts';
import { AlertTakenError, CaseStateError } from './case.errors';
import type { Severity } from './rules';

/**
 * The compliance case (manual 7.3) over its alerts: opened for a serious alert or from grouped ones, assigned,
 * commented, escalated, closed with a resolution; each step leaves a line in the case's record. No I/O.
 */

export type CaseStatus = 'open' | 'investigating' | 'escalated' | 'closed';
export type Resolution = 'no_breach' | 'remediated' | 'reported_to_regulator' | 'disciplinary';
export type CaseNoteKind = 'comment' | 'evidence' | 'assignment' | 'escalation' | 'closure';

export interface CaseState {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly severity: Severity;
  readonly assignee: string | null;
  readonly openedAt: Date;
  readonly escalatedAt: Date | null;
  readonly closedAt: Date | null;
  readonly closedBy: string | null;
  readonly resolution: Resolution | null;
}

export interface CaseStep {
  readonly state: CaseState;
  readonly note: { kind: CaseNoteKind; author: string; text: string };
}

const SEVERITY_ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];
const ACTIVE: readonly CaseStatus[] = ['open', 'investigating', 'escalated'];

/** A new open case at the given severity. */
export function newCase(caseId: string, severity: Severity, now: Date): CaseState {
  return {
    caseId,
    status: 'open',
    severity,
    assignee: null,
    openedAt: now,
    escalatedAt: null,
    closedAt: null,
    closedBy: null,
    resolution: null,
  };
}

/** A case from alerts not yet in one (typically reportable transactions), at the most severe alert's severity. */
export function openFromAlerts(
  caseId: string,
  alerts: readonly { alertId: string; severity: Severity; caseId: string | null }[],
  actor: string,
  now: Date,
): CaseStep {
  const taken = alerts.filter((a) => a.caseId);
  if (taken.length) throw new AlertTakenError(taken.map((a) => a.alertId));
  const severity = [...alerts]
    .map((a) => a.severity)
    .sort((a, b) => SEVERITY_ORDER.indexOf(b) - SEVERITY_ORDER.indexOf(a))[0];
  return {
    state: newCase(caseId, severity, now),
    note: { kind: 'comment', author: actor, text: `case opened from ${alerts.length} alert(s)` },
  };
}

function assertFrom(c: CaseState, allowed: readonly CaseStatus[]): void {
  if (!allowed.includes(c.status)) throw new CaseStateError(c, 'changed that way');
}

/** Assigning an open case starts its investigation. */
export function assign(c: CaseState, assignee: string, actor: string): CaseStep {
  assertFrom(c, ACTIVE);
  return {
    state: { ...c, assignee, status: c.status === 'open' ? 'investigating' : c.status },
    note: { kind: 'assignment', author: actor, text: `assigned to ${assignee}` },
  };
}

export function comment(c: CaseState, actor: string, text: string, kind: 'comment' | 'evidence'): CaseStep {
  assertFrom(c, ACTIVE);
  return { state: c, note: { kind, author: actor, text } };
}

export function escalate(c: CaseState, actor: string, reason: string, now: Date): CaseStep {
  assertFrom(c, ['open', 'investigating']);
  return {
    state: { ...c, status: 'escalated', escalatedAt: now },
    note: { kind: 'escalation', author: actor, text: reason },
  };
}

/** Closed with a resolution, announced with every alert of the case. */
export function close(
  c: CaseState,
  actor: string,
  resolution: Resolution,
  note: string,
  alertIds: readonly string[],
  now: Date,
): CaseStep & { event: EventPayload<'compliance.case-closed'> } {
  assertFrom(c, ACTIVE);
  return {
    state: { ...c, status: 'closed', closedAt: now, closedBy: actor, resolution },
    note: { kind: 'closure', author: actor, text: note },
    event: {
      caseId: c.caseId,
      alertIds: [...alertIds],
      resolution,
      closedBy: actor,
      closedAt: now.toISOString(),
    },
  };
}
