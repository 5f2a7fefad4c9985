import { assign, breach, extend, openTicket, resolve, type TicketState } from './ticket';
import { ComplaintExtensionRefusedError, TicketStateError } from './ticket.errors';

const OPENED = new Date('2026-03-02T02:00:00Z'); // 10:00 on 2 March in Shanghai
const at = (day: string) => new Date(`${day}T02:00:00Z`);
const input = {
  ticketId: 't-1',
  customerId: 'c-1',
  category: 'sales_conduct',
  subject: 's',
  description: 'd',
};

const complaint = (): TicketState => openTicket({ ...input, kind: 'complaint' }, 'rep', OPENED).state;
const rep = { sub: 'rep', roles: ['service_rep'] };
const manager = { sub: 'boss', roles: ['admin'] };

describe('the ticket and complaint aggregate', () => {
  it('opens a complaint with its 15-day deadline and announces it; an inquiry quietly', () => {
    const decided = openTicket({ ...input, kind: 'complaint', policyId: 'p-1' }, 'rep', OPENED);
    expect(decided.state).toMatchObject({ status: 'open', deadlineStage: 'standard', dueOn: '2026-03-17' });
    expect(decided.events[0]).toMatchObject({
      type: 'customer.complaint-opened',
      payload: { dueOn: '2026-03-17' },
    });
    const inquiry = openTicket({ ...input, kind: 'inquiry' }, 'rep', OPENED);
    expect(inquiry.state).toMatchObject({ dueOn: null, deadlineStage: null });
    expect(inquiry.events).toEqual([]);
  });

  it('assigns an open ticket', () => {
    expect(assign(complaint(), 'agent-7').state).toMatchObject({ assignee: 'agent-7', status: 'assigned' });
  });

  it('extends to 30 days, then to 60 with a manager, each keeping its reason', () => {
    const once = extend(complaint(), 'complex case', rep, at('2026-03-10'));
    expect(once.state).toMatchObject({ deadlineStage: 'extended', dueOn: '2026-04-01' });
    expect(once.note).toEqual({ kind: 'extension', text: 'complex case', author: 'rep' });
    expect(once.events[0].payload).toMatchObject({
      stage: 'extended',
      previousDueOn: '2026-03-17',
      approvedBy: null,
    });
    const twice = extend(once.state, 'expert opinion', manager, at('2026-03-20'));
    expect(twice.state).toMatchObject({ deadlineStage: 'further_extended', dueOn: '2026-05-01' });
    expect(twice.events[0].payload).toMatchObject({ stage: 'further_extended', approvedBy: 'boss' });
  });

  it('refuses a further extension without a manager, a third one, one after the deadline, and an inquiry', () => {
    const once = extend(complaint(), 'r', rep, at('2026-03-10')).state;
    expect(() => extend(once, 'r', rep, at('2026-03-20'))).toThrow(ComplaintExtensionRefusedError);
    const twice = extend(once, 'r', manager, at('2026-03-20')).state;
    expect(() => extend(twice, 'r', manager, at('2026-03-21'))).toThrow(/twice at most/);
    expect(() => extend(complaint(), 'r', rep, at('2026-03-18'))).toThrow(/already passed/);
    const inquiry = openTicket({ ...input, kind: 'inquiry' }, 'rep', OPENED).state;
    expect(() => extend(inquiry, 'r', rep, at('2026-03-03'))).toThrow(TicketStateError);
  });

  it('resolves a complaint in time up to its due day, late after it', () => {
    expect(resolve(complaint(), 'refunded', at('2026-03-17')).events[0].payload).toMatchObject({
      withinDeadline: true,
    });
    expect(resolve(complaint(), 'refunded', at('2026-03-18')).events[0].payload).toMatchObject({
      withinDeadline: false,
    });
    expect(resolve(complaint(), 'refunded', at('2026-03-17')).state).toMatchObject({
      status: 'resolved',
      resolution: 'refunded',
    });
  });

  it('refuses any work on an answered ticket', () => {
    const answered = resolve(complaint(), 'done', at('2026-03-05')).state;
    expect(() => assign(answered, 'x')).toThrow(TicketStateError);
    expect(() => extend(answered, 'r', rep, at('2026-03-06'))).toThrow(TicketStateError);
    expect(() => resolve(answered, 'again', at('2026-03-06'))).toThrow(TicketStateError);
  });

  it('records a breach of a complaint once, and none for a ticket without a deadline', () => {
    const decided = breach(complaint(), at('2026-03-18'));
    expect(decided?.state.breachedAt).toEqual(at('2026-03-18'));
    expect(decided?.events[0]).toMatchObject({
      type: 'customer.complaint-deadline-breached',
      payload: { dueOn: '2026-03-17' },
    });
    expect(
      breach(openTicket({ ...input, kind: 'inquiry' }, 'rep', OPENED).state, at('2026-03-18')),
    ).toBeNull();
  });
});
