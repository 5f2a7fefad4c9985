import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob, ScheduledJob } from '@insurer/platform-runtime';
import { DATA_SUBJECT_SETTINGS } from './application/data-subject-settings';
import { DataSubjectService } from './application/data-subject.service';
import { DataSubjectHttpController } from './interface/data-subject.http.controller';

/** Shreds restricted customers whose retention has ended, on a timer of its own. */
export class RetentionSweepJob extends ScheduledJob {
  constructor(dataSubject: DataSubjectService, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('retention-sweep', intervalMs, () => dataSubject.sweepRetention(), logger));
  }
}

/** Export and erasure reach every feature's records, so this feature sits above them all. */
@Module({})
export class DataSubjectModule {
  static forRoot(options: { amlRetentionYears: number; sweepIntervalMs: number }): DynamicModule {
    return {
      module: DataSubjectModule,
      controllers: [DataSubjectHttpController],
      providers: [
        { provide: DATA_SUBJECT_SETTINGS, useValue: { amlRetentionYears: options.amlRetentionYears } },
        DataSubjectService,
        {
          provide: RetentionSweepJob,
          inject: [DataSubjectService, LOGGER],
          useFactory: (dataSubject: DataSubjectService, logger: Logger) =>
            new RetentionSweepJob(dataSubject, options.sweepIntervalMs, logger),
        },
      ],
    };
  }
}
