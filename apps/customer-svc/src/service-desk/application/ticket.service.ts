import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { sweepDue } from '@insurer/platform-database';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { CustomerService } from '../../customer/application/customer.service';
import { assertOwn } from '../../customer/application/own-records';
import { COMPLAINT_SOURCE, complaintDueOn, isBreached, nextExtension } from '../domain/complaint-deadlines';
import {
  TicketEntity,
  TicketNoteEntity,
  type TicketKind,
  type TicketStatus,
} from '../infrastructure/ticket.entity';

export interface OpenTicketInput {
  readonly customerId: string;
  readonly kind: TicketKind;
  readonly category: string;
  readonly subject: string;
  readonly description: string;
  readonly policyId?: string;
  readonly salespersonId?: string;
}

export class TicketStateError extends AppError {
  constructor(message: string) {
    super('TICKET.WRONG_STATE', 'conflict', message);
  }
}

export class ComplaintExtensionRefusedError extends AppError {
  constructor(rule: string, message: string) {
    super('TICKET.EXTENSION_REFUSED', 'rule', message, { rule: { id: rule, source: COMPLAINT_SOURCE } });
  }
}

/** Roles that count as a manager for approving a further complaint extension. */
const MANAGER_ROLES = ['admin'];

@Injectable()
export class TicketService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly customers: CustomerService,
  ) {}

  async open(input: OpenTicketInput, principal: Principal): Promise<TicketEntity> {
    assertOwn(principal, input.customerId);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await this.customers.findActive(manager, input.customerId);
      const complaint = input.kind === 'complaint';
      const ticket = manager.create(TicketEntity, {
        ticketId: randomUUID(),
        customerId: input.customerId,
        kind: input.kind,
        status: 'open',
        category: input.category,
        subject: input.subject,
        description: input.description,
        policyId: input.policyId ?? null,
        salespersonId: input.salespersonId ?? null,
        assignee: null,
        openedBy: principal.sub,
        openedAt: now,
        dueOn: complaint ? complaintDueOn(now, 'standard') : null,
        deadlineStage: complaint ? 'standard' : null,
        breachedAt: null,
        resolution: null,
        resolvedAt: null,
      });
      await manager.insert(TicketEntity, ticket);
      if (complaint) {
        await this.outbox.publish(manager, {
          type: 'customer.complaint-opened',
          aggregateId: ticket.customerId,
          payload: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            policyId: input.policyId,
            salespersonId: input.salespersonId,
            category: input.category,
            openedAt: now.toISOString(),
            dueOn: complaintDueOn(now, 'standard'),
          },
        });
      }
      return ticket;
    });
  }

  async assign(ticketId: string, assignee: string): Promise<TicketEntity> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.lockOpen(manager, ticketId);
      ticket.assignee = assignee;
      ticket.status = 'assigned';
      return manager.save(ticket);
    });
  }

  async extend(ticketId: string, reason: string, principal: Principal): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.lockOpen(manager, ticketId);
      if (ticket.kind !== 'complaint' || !ticket.deadlineStage || !ticket.dueOn) {
        throw new TicketStateError('only complaints have a deadline to extend');
      }
      const isManager = principal.roles.some((r) => MANAGER_ROLES.includes(r));
      const decision = nextExtension(ticket.openedAt, ticket.deadlineStage, now, isManager);
      if (!decision.ok) throw new ComplaintExtensionRefusedError(decision.rule, decision.message);
      const previousDueOn = ticket.dueOn;
      ticket.deadlineStage = decision.stage;
      ticket.dueOn = decision.dueOn;
      await manager.save(ticket);
      await this.note(manager, ticketId, 'extension', reason, principal.sub, now);
      await this.outbox.publish(manager, {
        type: 'customer.complaint-deadline-extended',
        aggregateId: ticket.customerId,
        payload: {
          ticketId,
          customerId: ticket.customerId,
          stage: decision.stage === 'further_extended' ? 'further_extended' : 'extended',
          previousDueOn,
          dueOn: decision.dueOn,
          reason,
          approvedBy: decision.needsApproval ? principal.sub : null,
          extendedAt: now.toISOString(),
        },
      });
      return ticket;
    });
  }

  async resolve(ticketId: string, resolution: string): Promise<TicketEntity> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.lockOpen(manager, ticketId);
      ticket.status = 'resolved';
      ticket.resolution = resolution;
      ticket.resolvedAt = now;
      await manager.save(ticket);
      if (ticket.kind === 'complaint' && ticket.dueOn) {
        const dueOn = ticket.dueOn;
        await this.outbox.publish(manager, {
          type: 'customer.complaint-resolved',
          aggregateId: ticket.customerId,
          payload: {
            ticketId,
            customerId: ticket.customerId,
            resolvedAt: now.toISOString(),
            dueOn,
            withinDeadline: !isBreached(dueOn, now),
          },
        });
      }
      return ticket;
    });
  }

  async addNote(
    ticketId: string,
    kind: 'comment' | 'feedback' | 'improvement',
    text: string,
    author: string,
  ): Promise<TicketNoteEntity> {
    return this.dataSource.transaction(async (manager) => {
      await this.find(manager, ticketId);
      return this.note(manager, ticketId, kind, text, author, this.clock.now());
    });
  }

  async get(ticketId: string, principal: Principal) {
    const ticket = await this.find(this.dataSource.manager, ticketId);
    assertOwn(principal, ticket.customerId);
    const notes = await this.dataSource.manager.find(TicketNoteEntity, {
      where: { ticketId },
      order: { createdAt: 'ASC' },
    });
    return { ...ticket, notes };
  }

  list(filter: { customerId?: string; status?: TicketStatus; assignee?: string; kind?: TicketKind }) {
    const where: FindOptionsWhere<TicketEntity> = {};
    if (filter.customerId) where.customerId = filter.customerId;
    if (filter.status) where.status = filter.status;
    if (filter.assignee) where.assignee = filter.assignee;
    if (filter.kind) where.kind = filter.kind;
    return this.dataSource.manager.find(TicketEntity, { where, order: { openedAt: 'DESC' }, take: 200 });
  }

  /**
   * Marks every unanswered complaint whose deadline has passed and announces it, once. Rows are claimed with
   * SKIP LOCKED, so replicas sweeping at the same time never report one breach twice.
   */
  async sweepBreaches(limit = 100): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return sweepDue(
      this.dataSource,
      {
        entity: TicketEntity,
        alias: 't',
        due: (q) =>
          q
            .where("t.kind = 'complaint'")
            .andWhere('t.resolved_at IS NULL')
            .andWhere('t.breached_at IS NULL')
            .andWhere('t.due_on < :today', { today }),
        orderBy: 't.due_on',
        limit,
      },
      async (manager, ticket) => {
        if (!ticket.dueOn) return;
        ticket.breachedAt = now;
        await manager.save(ticket);
        await this.outbox.publish(manager, {
          type: 'customer.complaint-deadline-breached',
          aggregateId: ticket.customerId,
          payload: {
            ticketId: ticket.ticketId,
            customerId: ticket.customerId,
            dueOn: ticket.dueOn,
            breachedAt: now.toISOString(),
          },
        });
      },
    );
  }

  private async find(manager: EntityManager, ticketId: string): Promise<TicketEntity> {
    const ticket = await manager.findOne(TicketEntity, { where: { ticketId } });
    if (!ticket) throw new ResourceNotFoundError('ticket', ticketId);
    return ticket;
  }

  private async lockOpen(manager: EntityManager, ticketId: string): Promise<TicketEntity> {
    const ticket = await manager.findOne(TicketEntity, {
      where: { ticketId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!ticket) throw new ResourceNotFoundError('ticket', ticketId);
    if (ticket.status === 'resolved' || ticket.status === 'closed') {
      throw new TicketStateError(`ticket ${ticketId} is already ${ticket.status}`);
    }
    return ticket;
  }

  private async note(
    manager: EntityManager,
    ticketId: string,
    kind: TicketNoteEntity['kind'],
    text: string,
    author: string,
    at: Date,
  ): Promise<TicketNoteEntity> {
    const note = manager.create(TicketNoteEntity, {
      noteId: randomUUID(),
      ticketId,
      kind,
      text,
      author,
      createdAt: at,
    });
    await manager.insert(TicketNoteEntity, note);
    return note;
  }
}
