import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

  async execute(ticketId: string, reason: string, principal: Principal) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.tickets.lockOpen(manager, ticketId);
      return this.tickets.save(manager, ticket, extend(ticket, reason, principal, now), now);
    });
  }
}
