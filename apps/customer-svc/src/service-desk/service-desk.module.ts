import {
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob } from '@insurer/platform-runtime';
import { TicketService } from './application/ticket.service';
import { TicketHttpController } from './interface/ticket.http.controller';

/** Sweeps complaint deadlines on a timer for as long as the application runs. */
export class ComplaintDeadlineJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(tickets: TicketService, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob('complaint-deadlines', intervalMs, () => tickets.sweepBreaches(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}

@Module({})
export class ServiceDeskModule {
  static forRoot(options: { sweepIntervalMs: number }): DynamicModule {
    return {
      module: ServiceDeskModule,
      controllers: [TicketHttpController],
      providers: [
        TicketService,
        {
          provide: ComplaintDeadlineJob,
          inject: [TicketService, LOGGER],
          useFactory: (tickets: TicketService, logger: Logger) =>
            new ComplaintDeadlineJob(tickets, options.sweepIntervalMs, logger),
        },
      ],
    };
  }
}
