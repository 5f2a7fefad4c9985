import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob, ScheduledJob } from '@insurer/platform-runtime';
import { AssessClaimHandler } from './claim/application/assess-claim.handler';
import { ClaimQueries } from './claim/application/claim.queries';
import { CLAIMS_SETTINGS, type ClaimsSettings } from './claim/application/claims-settings';
import { ConfirmPaymentHandler } from './claim/application/confirm-payment.handler';
import { DecideClaimHandler } from './claim/application/decide-claim.handler';
import { PayAdvanceHandler } from './claim/application/pay-advance.handler';
import { ReopenClaimHandler } from './claim/application/reopen-claim.handler';
import { ReportClaimHandler } from './claim/application/report-claim.handler';
import { SealPayeeNamesHandler } from './claim/application/seal-payee-names.handler';
import { SweepPayeeRetentionHandler } from './claim/application/sweep-payee-retention.handler';
import { SendRejectionNoticeHandler } from './claim/application/send-rejection-notice.handler';
import { SubmitDocumentsHandler } from './claim/application/submit-documents.handler';
import { SweepClaimTimersHandler } from './claim/application/sweep-claim-timers.handler';
import { ClaimRepository } from './claim/infrastructure/claim.repository';
import { ClaimCommandsConsumer } from './claim/interface/claim-commands.consumer';
import { ClaimHttpController } from './claim/interface/claim.http.controller';
import { ReplicaEventsConsumer } from './replica/interface/replica-events.consumer';

/** Sweeps the statutory timers on a timer of its own for as long as the application runs. */
export class ClaimTimerJob extends ScheduledJob {
  constructor(timers: SweepClaimTimersHandler, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('claim-timers', intervalMs, () => timers.execute(), logger));
  }
}

/** Shreds the payee data of erased customers' claims when their retention ends, on a timer of its own. */
export class PayeeRetentionJob extends ScheduledJob {
  constructor(sweep: SweepPayeeRetentionHandler, amlYears: number, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('payee-retention', intervalMs, () => sweep.execute(amlYears), logger));
  }
}

/** Seals names left in clear by rows from before they were sealed, before the service takes requests. */
export class PayeeNameSealing implements OnApplicationBootstrap {
  constructor(
    private readonly handler: SealPayeeNamesHandler,
    private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.handler.execute();
    if (sealed > 0) this.logger.info({ sealed }, 'sealed payee names stored in clear');
  }
}

@Module({})
export class ClaimsModule {
  static forRoot(options: {
    settings: ClaimsSettings;
    sweepIntervalMs: number;
    retention: { amlYears: number; sweepIntervalMs: number };
  }): DynamicModule {
    return {
      module: ClaimsModule,
      controllers: [ClaimHttpController, ClaimCommandsConsumer, ReplicaEventsConsumer],
      providers: [
        { provide: CLAIMS_SETTINGS, useValue: options.settings },
        ClaimRepository,
        ClaimQueries,
        ReportClaimHandler,
        SubmitDocumentsHandler,
        AssessClaimHandler,
        DecideClaimHandler,
        SendRejectionNoticeHandler,
        ConfirmPaymentHandler,
        PayAdvanceHandler,
        ReopenClaimHandler,
        SweepClaimTimersHandler,
        SealPayeeNamesHandler,
        SweepPayeeRetentionHandler,
        {
          provide: PayeeRetentionJob,
          inject: [SweepPayeeRetentionHandler, LOGGER],
          useFactory: (sweep: SweepPayeeRetentionHandler, logger: Logger) =>
            new PayeeRetentionJob(
              sweep,
              options.retention.amlYears,
              options.retention.sweepIntervalMs,
              logger,
            ),
        },
        {
          provide: PayeeNameSealing,
          inject: [SealPayeeNamesHandler, LOGGER],
          useFactory: (handler: SealPayeeNamesHandler, logger: Logger) =>
            new PayeeNameSealing(handler, logger),
        },
        {
          provide: ClaimTimerJob,
          inject: [SweepClaimTimersHandler, LOGGER],
          useFactory: (timers: SweepClaimTimersHandler, logger: Logger) =>
            new ClaimTimerJob(timers, options.sweepIntervalMs, logger),
        },
      ],
    };
  }
}
