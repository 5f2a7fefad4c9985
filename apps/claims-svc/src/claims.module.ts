import {
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob } from '@insurer/platform-runtime';
import { ClaimTimersService } from './claim/application/claim-timers.service';
import { CLAIMS_SETTINGS, ClaimService, type ClaimsSettings } from './claim/application/claim.service';
import { ClaimCommandsConsumer } from './claim/interface/claim-commands.consumer';
import { ClaimHttpController } from './claim/interface/claim.http.controller';
import { ReplicaEventsConsumer } from './replica/interface/replica-events.consumer';

/** Sweeps the statutory timers on a timer of its own for as long as the application runs. */
export class ClaimTimerJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(timers: ClaimTimersService, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob('claim-timers', intervalMs, () => timers.sweep(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}

@Module({})
export class ClaimsModule {
  static forRoot(options: { settings: ClaimsSettings; sweepIntervalMs: number }): DynamicModule {
    return {
      module: ClaimsModule,
      controllers: [ClaimHttpController, ClaimCommandsConsumer, ReplicaEventsConsumer],
      providers: [
        { provide: CLAIMS_SETTINGS, useValue: options.settings },
        ClaimService,
        ClaimTimersService,
        {
          provide: ClaimTimerJob,
          inject: [ClaimTimersService, LOGGER],
          useFactory: (timers: ClaimTimersService, logger: Logger) =>
            new ClaimTimerJob(timers, options.sweepIntervalMs, logger),
        },
      ],
    };
  }
}
