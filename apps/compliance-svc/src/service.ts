import type { ServiceParts } from '@insurer/platform-runtime';
import { complianceConfigSchema, type ComplianceConfig } from './compliance-config';
import { ComplianceModule } from './compliance.module';
import { ComplianceInit1764000000000 } from './database/migrations/1764000000000-ComplianceInit';
import { ComplianceDomain1764500000000 } from './database/migrations/1764500000000-ComplianceDomain';
import { SalespersonTrainingYears1765000000000 } from './database/migrations/1765000000000-SalespersonTrainingYears';
import { SurrenderRefundRule1765400000000 } from './database/migrations/1765400000000-SurrenderRefundRule';
import { AmlInFull1765500000000 } from './database/migrations/1765500000000-AmlInFull';
import { AlertSource1765600000000 } from './database/migrations/1765600000000-AlertSource';
import { AuditTipRuleGeneration1765700000000 } from './database/migrations/1765700000000-AuditTipRuleGeneration';
import { OutboxAutovacuum1765800000000 } from './database/migrations/1765800000000-OutboxAutovacuum';
import { AuditChainContinues1765900000000 } from './database/migrations/1765900000000-AuditChainContinues';
import { ApplicationSubmittedAt1766000000000 } from './database/migrations/1766000000000-ApplicationSubmittedAt';
import { ThirdPartyPremium1766100000000 } from './database/migrations/1766100000000-ThirdPartyPremium';
import { ApplicationAnnualPremium1766200000000 } from './database/migrations/1766200000000-ApplicationAnnualPremium';
import { AlertMessage1766300000000 } from './database/migrations/1766300000000-AlertMessage';
import { TransferDueDiligence1766700000000 } from './database/migrations/1766700000000-TransferDueDiligence';
import {
  AlertEntity,
  AmlTransactionEntity,
  DepartureTaskEntity,
  CaseCommentEntity,
  CaseEntity,
  RiskScoreEntity,
  RuleVersionEntity,
} from './monitoring/infrastructure/monitoring.entity';

/** compliance-svc: rules over every event, alerts and cases, risk scores, the audit chain, AML reports. */
export const service: ServiceParts<ComplianceConfig> = {
  descriptor: {
    name: 'compliance-svc',
    schema: 'compliance',
    defaultPort: 3005,
    staffRoles: ['compliance_officer', 'admin'],
  },
  configSchema: complianceConfigSchema,
  database: {
    schema: 'compliance',
    entities: [
      RuleVersionEntity,
      AlertEntity,
      CaseEntity,
      CaseCommentEntity,
      RiskScoreEntity,
      AmlTransactionEntity,
      DepartureTaskEntity,
    ],
    migrations: [
      ComplianceInit1764000000000,
      ComplianceDomain1764500000000,
      SalespersonTrainingYears1765000000000,
      SurrenderRefundRule1765400000000,
      AmlInFull1765500000000,
      AlertSource1765600000000,
      AuditTipRuleGeneration1765700000000,
      OutboxAutovacuum1765800000000,
      AuditChainContinues1765900000000,
      ApplicationSubmittedAt1766000000000,
      ThirdPartyPremium1766100000000,
      ApplicationAnnualPremium1766200000000,
      AlertMessage1766300000000,
      TransferDueDiligence1766700000000,
    ],
  },
  imports: (config) => [
    ComplianceModule.forRoot({
      departureSweepMs: config.DEPARTURE_SWEEP_MS,
      institution: { code: config.REPORTING_INSTITUTION_CODE, name: config.REPORTING_INSTITUTION_NAME },
    }),
  ],
};
