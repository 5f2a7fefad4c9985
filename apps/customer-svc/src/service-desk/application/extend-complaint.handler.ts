import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock } from '@insurer/platform-time';
import { extend } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** Extend a complaint's deadline within the complaint rules; the reason is kept as a note. */
@Injectable()
export class ExtendComplaintHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ticketId: string, reason: string, principal: Principal, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      const ticket = await this.tickets.lockOpen(manager, ticketId);
      return this.tickets.save(manager, ticket, extend(ticket, reason, principal, now), now);
    });
  }
}
