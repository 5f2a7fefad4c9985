import type { ServiceParts } from '@insurer/platform-runtime';
import { CustomerFactsEntity } from './customer-replica/infrastructure/customer-facts.entity';
import { SalesInit1764000000000 } from './database/migrations/1764000000000-SalesInit';
import { SalesDomain1764200000000 } from './database/migrations/1764200000000-SalesDomain';
import { TrainingYears1765000000000 } from './database/migrations/1765000000000-TrainingYears';
import { Parties1765200000000 } from './database/migrations/1765200000000-Parties';
import { PolicyDisputes1765400000000 } from './database/migrations/1765400000000-PolicyDisputes';
import { ClaimDisputes1765500000000 } from './database/migrations/1765500000000-ClaimDisputes';
import { PipelineLookups1765600000000 } from './database/migrations/1765600000000-PipelineLookups';
import { OutboxAutovacuum1765800000000 } from './database/migrations/1765800000000-OutboxAutovacuum';
import { PolicyReplicaEntity } from './policy-replica/infrastructure/policy-replica.entity';
import { ProductVersionEntity } from './product/infrastructure/product-version.entity';
import { ApplicationEntity } from './proposal/infrastructure/application.entity';
import { PolicyDisputeEntity } from './proposal/infrastructure/policy-dispute.entity';
import { QuoteEntity } from './quote/infrastructure/quote.entity';
import { SuitabilityRecordEntity } from './suitability/infrastructure/suitability-record.entity';
import { ReturnVisitEntity } from './return-visit/infrastructure/return-visit.entity';
import { salesConfigSchema, type SalesConfig } from './sales-config';
import { SalesModule } from './sales.module';
import {
  DepartureNoticeEntity,
  PipelineEntryEntity,
  SalespersonEntity,
} from './salesperson/infrastructure/salesperson.entity';

/** sales-svc: products and rating, suitability, quotes, applications, salespeople, return visits. */
export const service: ServiceParts<SalesConfig> = {
  descriptor: {
    name: 'sales-svc',
    schema: 'sales',
    defaultPort: 3002,
    staffRoles: ['agent', 'admin'],
  },
  configSchema: salesConfigSchema,
  database: {
    schema: 'sales',
    entities: [
      ProductVersionEntity,
      CustomerFactsEntity,
      SalespersonEntity,
      DepartureNoticeEntity,
      PipelineEntryEntity,
      PolicyReplicaEntity,
      QuoteEntity,
      SuitabilityRecordEntity,
      ApplicationEntity,
      PolicyDisputeEntity,
      ReturnVisitEntity,
    ],
    migrations: [
      SalesInit1764000000000,
      SalesDomain1764200000000,
      TrainingYears1765000000000,
      Parties1765200000000,
      PolicyDisputes1765400000000,
      ClaimDisputes1765500000000,
      PipelineLookups1765600000000,
      OutboxAutovacuum1765800000000,
    ],
  },
  imports: (config) => [SalesModule.forRoot({ returnVisitSweepMs: config.RETURN_VISIT_SWEEP_MS })],
};
