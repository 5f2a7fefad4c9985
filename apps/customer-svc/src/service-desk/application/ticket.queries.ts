import { Injectable } from '@nestjs/common';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import type { Principal } from '@insurer/platform-auth';
import { assertOwn } from '../../customer/application/own-records';
import type { TicketKind, TicketStatus } from '../domain/ticket';
import { TicketEntity, TicketNoteEntity } from '../infrastructure/ticket.entity';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** Reads of tickets; a customer reads only their own. */
@Injectable()
export class TicketQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
  ) {}

  async get(ticketId: string, principal: Principal) {
    const ticket = await this.tickets.find(this.dataSource.manager, ticketId);
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
}
