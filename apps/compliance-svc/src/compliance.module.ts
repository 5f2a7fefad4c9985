import {
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob } from '@insurer/platform-runtime';
import { AuditService } from './audit/application/audit.service';
import { CaseService } from './cases/application/case.service';
import { MonitoringService } from './monitoring/application/monitoring.service';
import { RulesService } from './monitoring/application/rules.service';
import { AllEventsConsumer } from './monitoring/interface/all-events.consumer';
import { ComplianceHttpController } from './monitoring/interface/compliance.http.controller';
import { ReportsService } from './reports/application/reports.service';

/** Checks for departure notices that were never sent, on a timer, for as long as the application runs. */
export class DepartureNoticeJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(monitoring: MonitoringService, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob(
      'departure-notices',
      intervalMs,
      () => monitoring.sweepDepartureNotices(),
      logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }
}

@Module({})
export class ComplianceModule {
  static forRoot(options: { departureSweepMs: number }): DynamicModule {
    return {
      module: ComplianceModule,
      controllers: [ComplianceHttpController, AllEventsConsumer],
      providers: [
        AuditService,
        MonitoringService,
        RulesService,
        CaseService,
        ReportsService,
        {
          provide: DepartureNoticeJob,
          inject: [MonitoringService, LOGGER],
          useFactory: (monitoring: MonitoringService, logger: Logger) =>
            new DepartureNoticeJob(monitoring, options.departureSweepMs, logger),
        },
      ],
    };
  }
}
