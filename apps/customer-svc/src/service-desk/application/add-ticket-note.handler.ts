import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** A note on a ticket: a comment, the customer's feedback, or an improvement it led to. */
@Injectable()
export class AddTicketNoteHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    ticketId: string,
    kind: 'comment' | 'feedback' | 'improvement',
    text: string,
    author: string,
    ctx: RequestContext,
  ) {
    return transaction(this.dataSource, ctx, async (manager) => {
      await this.tickets.find(manager, ticketId);
      return this.tickets.note(manager, ticketId, kind, text, author, this.clock.now());
    });
  }
}
