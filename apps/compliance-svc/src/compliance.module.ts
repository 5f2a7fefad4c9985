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
import { AlertRaiser } from './monitoring/application/alert-raiser';
import { RuleTable } from './monitoring/application/rule-table';
import { RulesService } from './monitoring/application/rules.service';
import { SweepDepartureNoticesHandler } from './monitoring/application/sweep-departure-notices.handler';
import { AllEventsConsumer } from './monitoring/interface/all-events.consumer';
import { AuditHttpController } from './audit/interface/audit.http.controller';
import { CaseHttpController } from './cases/interface/case.http.controller';
import { ComplianceHttpController } from './monitoring/interface/compliance.http.controller';
import { ReportsHttpController } from './reports/interface/reports.http.controller';
import { ReportsService } from './reports/application/reports.service';

/** Checks for departure notices that were never sent, on a timer, for as long as the application runs. */
export class DepartureNoticeJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly job: PeriodicJob;

  constructor(sweep: SweepDepartureNoticesHandler, intervalMs: number, logger: Logger) {
    this.job = new PeriodicJob('departure-notices', intervalMs, () => sweep.execute(), logger);
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
      controllers: [
        ComplianceHttpController,
        CaseHttpController,
        AuditHttpController,
        ReportsHttpController,
        AllEventsConsumer,
      ],
      providers: [
        AuditService,
        RuleTable,
        AlertRaiser,
        MonitoringService,
        SweepDepartureNoticesHandler,
        RulesService,
        CaseService,
        ReportsService,
        {
          provide: DepartureNoticeJob,
          inject: [SweepDepartureNoticesHandler, LOGGER],
          useFactory: (sweep: SweepDepartureNoticesHandler, logger: Logger) =>
            new DepartureNoticeJob(sweep, options.departureSweepMs, logger),
        },
      ],
    };
  }
}
