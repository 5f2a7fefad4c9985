import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock } from '@insurer/platform-time';
import { assertOwn } from '../../customer/application/own-records';
import { CustomerRepository } from '../../customer/infrastructure/customer.repository';
import { openTicket, type OpenTicket } from '../domain/ticket';
import { TicketRepository } from '../infrastructure/ticket.repository';

export type OpenTicketInput = Omit<OpenTicket, 'ticketId'>;

/** A ticket for a registered customer; a customer opens only their own. */
@Injectable()
export class OpenTicketHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly customers: CustomerRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: OpenTicketInput, principal: Principal, ctx: RequestContext) {
    assertOwn(principal, input.customerId);
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (manager) => {
      await this.customers.findActive(manager, input.customerId);
      return this.tickets.insert(
        manager,
        openTicket({ ...input, ticketId: randomUUID() }, principal.sub, now),
      );
    });
  }
}
