import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard/interface/dashboard.controller';
import { ImprovementService } from './improvement/application/improvement.service';
import { KpiService } from './kpi/application/kpi.service';
import { ImprovementHttpController } from './improvement/interface/improvement.http.controller';
import { KpiHttpController } from './kpi/interface/kpi.http.controller';
import { GenerationService } from './projection/application/generation.service';
import { ProjectionService } from './projection/application/projection.service';
import { AllEventsConsumer } from './projection/interface/all-events.consumer';

@Module({
  controllers: [KpiHttpController, ImprovementHttpController, DashboardController, AllEventsConsumer],
  providers: [ProjectionService, GenerationService, KpiService, ImprovementService],
})
export class AnalyticsModule {}
