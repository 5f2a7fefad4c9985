import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sweepDue } from '@insurer/platform-database';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { breach } from '../domain/ticket';
import { TicketEntity } from '../infrastructure/ticket.entity';
import { TicketRepository } from '../infrastructure/ticket.repository';

/** Marks every unanswered complaint whose deadline has passed and announces it, once (sweepDue: SKIP LOCKED). */
@Injectable()
export class SweepComplaintBreachesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: TicketRepository,
    private readonly clock: Clock,
  ) {}

  async execute(limit = 100): Promise<number> {
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
        const decided = breach(ticket, now);
        if (decided) await this.tickets.save(manager, ticket, decided, now);
      },
    );
  }
}
