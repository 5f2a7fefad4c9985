import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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

  async execute(ticketId: string, resolution: string) {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.tickets.lockOpen(manager, ticketId);
      return this.tickets.save(manager, ticket, resolve(ticket, resolution, now), now);
    });
  }
}
