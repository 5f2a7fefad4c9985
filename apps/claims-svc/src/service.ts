import type { ServiceParts } from '@insurer/platform-runtime';
import {
  ClaimDocumentEntity,
  ClaimEntity,
  ClaimHistoryEntity,
  ClaimTimerEntity,
} from './claim/infrastructure/claim.entity';
import { claimsConfigSchema, type ClaimsConfig } from './claims-config';
import { ClaimsModule } from './claims.module';
import { ClaimsInit1764000000000 } from './database/migrations/1764000000000-ClaimsInit';
import { ClaimsDomain1764400000000 } from './database/migrations/1764400000000-ClaimsDomain';
import { ClaimsParties1765200000000 } from './database/migrations/1765200000000-ClaimsParties';
import { ClaimsPolicyLoans1765300000000 } from './database/migrations/1765300000000-ClaimsPolicyLoans';
import { ClaimsPayeeNameSealed1765400000000 } from './database/migrations/1765400000000-ClaimsPayeeNameSealed';
import { ClaimsPayeeRetention1765500000000 } from './database/migrations/1765500000000-ClaimsPayeeRetention';
import { ClaimDocumentsByClaim1765600000000 } from './database/migrations/1765600000000-ClaimDocumentsByClaim';
import { OutboxAutovacuum1765800000000 } from './database/migrations/1765800000000-OutboxAutovacuum';
import {
  ClaimsPolicyReplicaEntity,
  ClaimsProductReplicaEntity,
} from './replica/infrastructure/replica.entity';

/** claims-svc: intake, documents, assessment, authority, statutory timers, payment and reopening. */
export const service: ServiceParts<ClaimsConfig> = {
  descriptor: {
    name: 'claims-svc',
    schema: 'claims',
    defaultPort: 3004,
    staffRoles: ['claims_handler', 'claims_manager', 'admin'],
  },
  configSchema: claimsConfigSchema,
  database: {
    schema: 'claims',
    entities: [
      ClaimsProductReplicaEntity,
      ClaimsPolicyReplicaEntity,
      ClaimEntity,
      ClaimDocumentEntity,
      ClaimTimerEntity,
      ClaimHistoryEntity,
    ],
    migrations: [
      ClaimsInit1764000000000,
      ClaimsDomain1764400000000,
      ClaimsParties1765200000000,
      ClaimsPolicyLoans1765300000000,
      ClaimsPayeeNameSealed1765400000000,
      ClaimsPayeeRetention1765500000000,
      ClaimDocumentsByClaim1765600000000,
      OutboxAutovacuum1765800000000,
    ],
  },
  imports: (config) => [
    ClaimsModule.forRoot({
      settings: {
        dataKey: config.CLAIMS_DATA_KEY,
        limits: {
          handlerMaxFen: config.CLAIMS_HANDLER_LIMIT_FEN,
          managerMaxFen: config.CLAIMS_MANAGER_LIMIT_FEN,
        },
        lateInterestBp: config.CLAIMS_LATE_INTEREST_BP,
      },
      sweepIntervalMs: config.CLAIM_TIMER_SWEEP_MS,
      retention: { amlYears: config.AML_RETENTION_YEARS, sweepIntervalMs: config.RETENTION_SWEEP_MS },
    }),
  ],
};
