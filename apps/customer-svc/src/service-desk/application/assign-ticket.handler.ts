import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { assign } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** Assign an open ticket to someone who will answer it. */
@Injectable()
export class AssignTicketHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ticketId: string, assignee: string, ctx: RequestContext) {
    return transaction(this.dataSource, ctx, async (manager) => {
      const ticket = await this.tickets.lockOpen(manager, ticketId);
      return this.tickets.save(manager, ticket, assign(ticket, assignee), this.clock.now());
    });
  }
}
