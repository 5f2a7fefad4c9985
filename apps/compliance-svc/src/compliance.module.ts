import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob, ScheduledJob } from '@insurer/platform-runtime';
import { AuditService } from './audit/application/audit.service';
import { ChainHead } from './audit/application/chain-head';
import { AssignCaseHandler } from './cases/application/assign-case.handler';
import { CaseQueries } from './cases/application/case.queries';
import { CaseRepository } from './cases/application/case.repository';
import { CloseCaseHandler } from './cases/application/close-case.handler';
import { CommentCaseHandler } from './cases/application/comment-case.handler';
import { EscalateCaseHandler } from './cases/application/escalate-case.handler';
import { OpenCaseHandler } from './cases/application/open-case.handler';
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
import {
  REPORTING_INSTITUTION,
  ReportsService,
  type ReportingInstitution,
} from './reports/application/reports.service';

/** Checks for departure notices that were never sent, on a timer, for as long as the application runs. */
export class DepartureNoticeJob extends ScheduledJob {
  constructor(sweep: SweepDepartureNoticesHandler, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('departure-notices', intervalMs, () => sweep.execute(), logger));
  }
}

@Module({})
export class ComplianceModule {
  static forRoot(options: { departureSweepMs: number; institution: ReportingInstitution }): DynamicModule {
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
        ChainHead,
        RuleTable,
        AlertRaiser,
        MonitoringService,
        SweepDepartureNoticesHandler,
        RulesService,
        CaseRepository,
        CaseQueries,
        OpenCaseHandler,
        AssignCaseHandler,
        CommentCaseHandler,
        EscalateCaseHandler,
        CloseCaseHandler,
        ReportsService,
        { provide: REPORTING_INSTITUTION, useValue: options.institution },
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
