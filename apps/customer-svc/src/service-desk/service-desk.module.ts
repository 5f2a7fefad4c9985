import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob, ScheduledJob } from '@insurer/platform-runtime';
import { AddTicketNoteHandler } from './application/add-ticket-note.handler';
import { AssignTicketHandler } from './application/assign-ticket.handler';
import { ExtendComplaintHandler } from './application/extend-complaint.handler';
import { OpenTicketHandler } from './application/open-ticket.handler';
import { ResolveTicketHandler } from './application/resolve-ticket.handler';
import { SweepComplaintBreachesHandler } from './application/sweep-complaint-breaches.handler';
import { TicketQueries } from './application/ticket.queries';
import { TicketRepository } from './infrastructure/ticket.repository';
import { TicketHttpController } from './interface/ticket.http.controller';

/** Sweeps complaint deadlines on a timer for as long as the application runs. */
export class ComplaintDeadlineJob extends ScheduledJob {
  constructor(sweep: SweepComplaintBreachesHandler, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('complaint-deadlines', intervalMs, () => sweep.execute(), logger));
  }
}

@Module({})
export class ServiceDeskModule {
  static forRoot(options: { sweepIntervalMs: number }): DynamicModule {
    return {
      module: ServiceDeskModule,
      controllers: [TicketHttpController],
      providers: [
        TicketRepository,
        TicketQueries,
        OpenTicketHandler,
        AssignTicketHandler,
        ExtendComplaintHandler,
        ResolveTicketHandler,
        AddTicketNoteHandler,
        SweepComplaintBreachesHandler,
        {
          provide: ComplaintDeadlineJob,
          inject: [SweepComplaintBreachesHandler, LOGGER],
          useFactory: (sweep: SweepComplaintBreachesHandler, logger: Logger) =>
            new ComplaintDeadlineJob(sweep, options.sweepIntervalMs, logger),
        },
      ],
    };
  }
}
