import type { EventPayload, EventType } from '@insurer/contracts';
import { complaintDueOn, isBreached, nextExtension, type DeadlineStage } from './complaint-deadlines';
import { ComplaintExtensionRefusedError, TicketStateError } from './ticket.errors';

/**
 * The service ticket and the complaint (manual chapter 5): opened, assigned, extended within the complaint rules,
 * resolved, and a complaint's breach when its deadline passes unanswered. No I/O.
 */

export type TicketKind = 'inquiry' | 'change_request' | 'complaint';
export type TicketStatus = 'open' | 'assigned' | 'resolved' | 'closed';

export interface TicketState {
  readonly ticketId: string;
  readonly customerId: string;
  readonly kind: TicketKind;
  readonly status: TicketStatus;
  readonly category: string;
  readonly subject: string;
  readonly description: string;
  readonly policyId: string | null;
  readonly salespersonId: string | null;
  readonly assignee: string | null;
  readonly openedBy: string;
  readonly openedAt: Date;
  readonly dueOn: string | null;
  readonly deadlineStage: DeadlineStage | null;
  readonly breachedAt: Date | null;
  readonly resolution: string | null;
  readonly resolvedAt: Date | null;
}

export type TicketEvent = {
  [T in EventType]: { type: T; aggregateId: string; payload: EventPayload<T> };
}[EventType];

export interface TicketDecided {
  readonly state: TicketState;
  readonly events: TicketEvent[];
  /** A note for the ticket's record (an extension keeps its reason). */
  readonly note?: { kind: 'extension'; text: string; author: string };
}

export interface OpenTicket {
  readonly ticketId: string;
  readonly customerId: string;
  readonly kind: TicketKind;
  readonly category: string;
  readonly subject: string;
  readonly description: string;
  readonly policyId?: string;
  readonly salespersonId?: string;
}

/** Roles that count as a manager for approving a further complaint extension. */
const MANAGER_ROLES = ['admin'];

/** A new ticket; a complaint gets its 15-day deadline and is announced. */
export function openTicket(input: OpenTicket, openedBy: string, now: Date): TicketDecided {
  const complaint = input.kind === 'complaint';
  const state: TicketState = {
    ticketId: input.ticketId,
    customerId: input.customerId,
    kind: input.kind,
    status: 'open',
    category: input.category,
    subject: input.subject,
    description: input.description,
    policyId: input.policyId ?? null,
    salespersonId: input.salespersonId ?? null,
    assignee: null,
    openedBy,
    openedAt: now,
    dueOn: complaint ? complaintDueOn(now, 'standard') : null,
    deadlineStage: complaint ? 'standard' : null,
    breachedAt: null,
    resolution: null,
    resolvedAt: null,
  };
  if (!complaint) return { state, events: [] };
  return {
    state,
    events: [
      {
        type: 'customer.complaint-opened',
        aggregateId: input.customerId,
        payload: {
          ticketId: input.ticketId,
          customerId: input.customerId,
          policyId: input.policyId,
          salespersonId: input.salespersonId,
          category: input.category,
          openedAt: now.toISOString(),
          dueOn: complaintDueOn(now, 'standard'),
        },
      },
    ],
  };
}

/** Work goes on only on a ticket not yet answered. */
export function assertOpen(ticket: Pick<TicketState, 'ticketId' | 'status'>): void {
  if (ticket.status === 'resolved' || ticket.status === 'closed')
    throw new TicketStateError(`ticket ${ticket.ticketId} is already ${ticket.status}`, {
      ticketId: ticket.ticketId,
      status: ticket.status,
    });
}

export function assign(ticket: TicketState, assignee: string): TicketDecided {
  assertOpen(ticket);
  return { state: { ...ticket, assignee, status: 'assigned' }, events: [] };
}

/** One extension to 30 days, then one more to 60 with a manager's approval, each decided before the deadline. */
export function extend(
  ticket: TicketState,
  reason: string,
  who: { sub: string; roles: readonly string[] },
  now: Date,
): TicketDecided {
  assertOpen(ticket);
  if (ticket.kind !== 'complaint' || !ticket.deadlineStage || !ticket.dueOn)
    throw new TicketStateError('only complaints have a deadline to extend', { state: 'not_complaint' });
  const decision = nextExtension(
    ticket.openedAt,
    ticket.deadlineStage,
    now,
    who.roles.some((r) => MANAGER_ROLES.includes(r)),
  );
  if (!decision.ok)
    throw new ComplaintExtensionRefusedError(decision.rule, decision.message, decision.params);
  return {
    state: { ...ticket, deadlineStage: decision.stage, dueOn: decision.dueOn },
    events: [
      {
        type: 'customer.complaint-deadline-extended',
        aggregateId: ticket.customerId,
        payload: {
          ticketId: ticket.ticketId,
          customerId: ticket.customerId,
          stage: decision.stage === 'further_extended' ? 'further_extended' : 'extended',
          previousDueOn: ticket.dueOn,
          dueOn: decision.dueOn,
          reason,
          approvedBy: decision.needsApproval ? who.sub : null,
          extendedAt: now.toISOString(),
        },
      },
    ],
    note: { kind: 'extension', text: reason, author: who.sub },
  };
}

/** The answer; a complaint's resolution says whether it came in time. */
export function resolve(ticket: TicketState, resolution: string, now: Date): TicketDecided {
  assertOpen(ticket);
  const state: TicketState = { ...ticket, status: 'resolved', resolution, resolvedAt: now };
  if (ticket.kind !== 'complaint' || !ticket.dueOn) return { state, events: [] };
  return {
    state,
    events: [
      {
        type: 'customer.complaint-resolved',
        aggregateId: ticket.customerId,
        payload: {
          ticketId: ticket.ticketId,
          customerId: ticket.customerId,
          resolvedAt: now.toISOString(),
          dueOn: ticket.dueOn,
          withinDeadline: !isBreached(ticket.dueOn, now),
        },
      },
    ],
  };
}

/** A complaint left unanswered past its deadline: its breach, once. */
export function breach(ticket: TicketState, now: Date): TicketDecided | null {
  if (!ticket.dueOn) return null;
  return {
    state: { ...ticket, breachedAt: now },
    events: [
      {
        type: 'customer.complaint-deadline-breached',
        aggregateId: ticket.customerId,
        payload: {
          ticketId: ticket.ticketId,
          customerId: ticket.customerId,
          dueOn: ticket.dueOn,
          breachedAt: now.toISOString(),
        },
      },
    ],
  };
}
