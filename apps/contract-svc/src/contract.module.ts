import {
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob } from '@insurer/platform-runtime';
import { ArchiveService } from './archive/application/archive.service';
import { IssuanceService } from './policy/application/issuance.service';
import { PolicyService } from './policy/application/policy.service';
import { PolicyHttpController } from './policy/interface/policy.http.controller';
import { PremiumService } from './premium/application/premium.service';
import { PremiumHttpController } from './premium/interface/premium.http.controller';
import { ProductEventsConsumer } from './product-replica/interface/product-events.consumer';
import { UnderwritingService } from './underwriting/application/underwriting.service';
import { ContractInboundConsumer } from './underwriting/interface/inbound-events.consumer';
import { UnderwritingHttpController } from './underwriting/interface/underwriting.http.controller';

/** Runs the premium calendar (overdue, lapse, maturity) on a timer for as long as the application runs. */
export class PremiumCalendarJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(premiums: PremiumService, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob('premium-calendar', intervalMs, () => premiums.sweep(), logger);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}

@Module({})
export class ContractModule {
  static forRoot(options: { premiumSweepMs: number }): DynamicModule {
    return {
      module: ContractModule,
      controllers: [
        UnderwritingHttpController,
        PolicyHttpController,
        PremiumHttpController,
        ProductEventsConsumer,
        ContractInboundConsumer,
      ],
      providers: [
        UnderwritingService,
        IssuanceService,
        PolicyService,
        PremiumService,
        ArchiveService,
        {
          provide: PremiumCalendarJob,
          inject: [PremiumService, LOGGER],
          useFactory: (premiums: PremiumService, logger: Logger) =>
            new PremiumCalendarJob(premiums, options.premiumSweepMs, logger),
        },
      ],
    };
  }
}
