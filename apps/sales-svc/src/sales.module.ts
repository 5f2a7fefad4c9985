import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, PeriodicJob, ScheduledJob } from '@insurer/platform-runtime';
import { CustomerFactsArrivals } from './customer-replica/application/customer-facts-arrivals';
import { CustomerEventsConsumer } from './customer-replica/interface/customer-events.consumer';
import { ContractEventsConsumer } from './portfolio/interface/contract-events.consumer';
import { ProductService } from './product/application/product.service';
import { ProductHttpController } from './product/interface/product.http.controller';
import { ApplicationQueries } from './proposal/application/application.queries';
import { SubmitApplicationHandler } from './proposal/application/submit-application.handler';
import { ApplicationCommandsConsumer } from './proposal/interface/application-commands.consumer';
import { DisputeEventsConsumer } from './proposal/interface/dispute-events.consumer';
import { ApplicationHttpController } from './proposal/interface/application.http.controller';
import { HealthQuestionsHttpController } from './proposal/interface/health-questions.http.controller';
import { IssueQuoteHandler } from './quote/application/issue-quote.handler';
import { QuoteQueries } from './quote/application/quote.queries';
import { QuoteHttpController } from './quote/interface/quote.http.controller';
import { ReturnVisitService } from './return-visit/application/return-visit.service';
import { ReturnVisitHttpController } from './return-visit/interface/return-visit.http.controller';
import { PipelineService } from './salesperson/application/pipeline.service';
import { DepartSalespersonHandler } from './salesperson/application/depart-salesperson.handler';
import { MarkNoticeSentHandler } from './salesperson/application/mark-notice-sent.handler';
import { RecordTrainingHandler } from './salesperson/application/record-training.handler';
import { RegisterSalespersonHandler } from './salesperson/application/register-salesperson.handler';
import { SalespersonQueries } from './salesperson/application/salesperson.queries';
import { SalespersonRepository } from './salesperson/infrastructure/salesperson.repository';
import { SalespersonHttpController } from './salesperson/interface/salesperson.http.controller';
import { RecommendationService } from './suitability/application/recommendation.service';
import { SaleContextService } from './suitability/application/sale-context.service';
import { RecommendationHttpController } from './suitability/interface/recommendation.http.controller';

/** Flags return visits not completed by their due date, on a timer, for as long as the application runs. */
export class ReturnVisitOverdueJob extends ScheduledJob {
  constructor(visits: ReturnVisitService, intervalMs: number, logger: Logger) {
    super(new PeriodicJob('return-visits-overdue', intervalMs, () => visits.sweepOverdue(), logger));
  }
}

@Module({})
export class SalesModule {
  static forRoot(options: { returnVisitSweepMs: number }): DynamicModule {
    return {
      module: SalesModule,
      controllers: [
        ProductHttpController,
        QuoteHttpController,
        ApplicationHttpController,
        HealthQuestionsHttpController,
        SalespersonHttpController,
        ReturnVisitHttpController,
        RecommendationHttpController,
        CustomerEventsConsumer,
        ContractEventsConsumer,
        ApplicationCommandsConsumer,
        DisputeEventsConsumer,
      ],
      providers: [
        ProductService,
        SalespersonRepository,
        SalespersonQueries,
        RegisterSalespersonHandler,
        RecordTrainingHandler,
        DepartSalespersonHandler,
        MarkNoticeSentHandler,
        PipelineService,
        SaleContextService,
        IssueQuoteHandler,
        QuoteQueries,
        SubmitApplicationHandler,
        ApplicationQueries,
        ReturnVisitService,
        RecommendationService,
        CustomerFactsArrivals,
        {
          provide: ReturnVisitOverdueJob,
          inject: [ReturnVisitService, LOGGER],
          useFactory: (visits: ReturnVisitService, logger: Logger) =>
            new ReturnVisitOverdueJob(visits, options.returnVisitSweepMs, logger),
        },
      ],
    };
  }
}
