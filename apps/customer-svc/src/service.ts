import type { ServiceParts } from '@insurer/platform-runtime';
import { customerConfigSchema, type CustomerConfig } from './customer-config';
import { CustomerModule } from './customer/customer.module';
import { DataSubjectModule } from './data-subject/data-subject.module';
import {
  ConsentEntity,
  CustomerEntity,
  DataAccessEntity,
  DataKeyEntity,
  IdentityVerificationEntity,
  ProfileVersionEntity,
  RiskAssessmentEntity,
} from './customer/infrastructure/customer.entity';
import type { Notifier } from './customer/infrastructure/notifier';
import { CustomerInit1764000000000 } from './database/migrations/1764000000000-CustomerInit';
import { CustomerDomain1764100000000 } from './database/migrations/1764100000000-CustomerDomain';
import { CustomerRetention1765400000000 } from './database/migrations/1765400000000-CustomerRetention';
import { OutboxAutovacuum1765800000000 } from './database/migrations/1765800000000-OutboxAutovacuum';
import { ClaimViewEntity, PolicyViewEntity } from './portfolio/infrastructure/portfolio.entity';
import { PortfolioModule } from './portfolio/portfolio.module';
import { TicketEntity, TicketNoteEntity } from './service-desk/infrastructure/ticket.entity';
import { ServiceDeskModule } from './service-desk/service-desk.module';
import {
  QualityReviewEntity,
  StaffMemberEntity,
  TrainingRecordEntity,
} from './staff/infrastructure/staff.entity';
import { StaffModule } from './staff/staff.module';
import { SurveyEntity } from './survey/infrastructure/survey.entity';
import { SurveyModule } from './survey/survey.module';

/** customer-svc: customers, KYC, consents and data-subject rights, service tickets, surveys, staff training. */
export function customerService(options: { notifier?: Notifier } = {}): ServiceParts<CustomerConfig> {
  return {
    descriptor: {
      name: 'customer-svc',
      schema: 'customer',
      defaultPort: 3001,
      staffRoles: ['service_rep', 'agent', 'admin'],
    },
    configSchema: customerConfigSchema,
    database: {
      schema: 'customer',
      entities: [
        CustomerEntity,
        DataKeyEntity,
        ProfileVersionEntity,
        RiskAssessmentEntity,
        IdentityVerificationEntity,
        DataAccessEntity,
        ConsentEntity,
        TicketEntity,
        TicketNoteEntity,
        SurveyEntity,
        StaffMemberEntity,
        TrainingRecordEntity,
        QualityReviewEntity,
        PolicyViewEntity,
        ClaimViewEntity,
      ],
      migrations: [
        CustomerInit1764000000000,
        CustomerDomain1764100000000,
        CustomerRetention1765400000000,
        OutboxAutovacuum1765800000000,
      ],
    },
    imports: (config) => [
      CustomerModule.forRoot({
        masterKey: config.CUSTOMER_MASTER_KEY,
        blindIndexKey: config.CUSTOMER_BLIND_INDEX_KEY,
        notifier: options.notifier,
      }),
      SurveyModule,
      ServiceDeskModule.forRoot({ sweepIntervalMs: config.COMPLAINT_SWEEP_MS }),
      PortfolioModule,
      StaffModule,
      DataSubjectModule.forRoot({
        amlRetentionYears: config.AML_RETENTION_YEARS,
        sweepIntervalMs: config.RETENTION_SWEEP_MS,
      }),
    ],
  };
}

export const service = customerService();
