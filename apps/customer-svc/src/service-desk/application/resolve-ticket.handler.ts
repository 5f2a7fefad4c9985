import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { resolve } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** Answer the ticket; a complaint's answer is measured against its deadline. */
@Injectable()
export class ResolveTicketHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ticketId: string, resolution: string, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      const ticket = await this.tickets.lockOpen(manager, ticketId);
      return this.tickets.save(manager, ticket, resolve(ticket, resolution, now), now);
    });
  }
}
