import type { ServiceParts } from '@insurer/platform-runtime';
import { DocumentEntity, SignatureEntity } from './archive/infrastructure/archive.entity';
import { contractConfigSchema, type ContractConfig } from './contract-config';
import { ContractModule } from './contract.module';
import { ContractInit1764000000000 } from './database/migrations/1764000000000-ContractInit';
import { ContractDomain1764300000000 } from './database/migrations/1764300000000-ContractDomain';
import { PolicyLoans1765200000000 } from './database/migrations/1765200000000-PolicyLoans';
import { SurvivalBenefits1765300000000 } from './database/migrations/1765300000000-SurvivalBenefits';
import { SurrenderRefunds1765400000000 } from './database/migrations/1765400000000-SurrenderRefunds';
import { PremiumCurrency1765500000000 } from './database/migrations/1765500000000-PremiumCurrency';
import { DemandNotice1765100000000 } from './database/migrations/1765100000000-DemandNotice';
import { OutboxAutovacuum1765800000000 } from './database/migrations/1765800000000-OutboxAutovacuum';
import { PolicyParties1766400000000 } from './database/migrations/1766400000000-PolicyParties';
import { PolicyholderChange1766500000000 } from './database/migrations/1766500000000-PolicyholderChange';
import { PolicyPledge1766600000000 } from './database/migrations/1766600000000-PolicyPledge';
import { PartyReplica1766800000000 } from './database/migrations/1766800000000-PartyReplica';
import { PartyIdentity1766900000000 } from './database/migrations/1766900000000-PartyIdentity';
import { PartyReplicaEntity } from './party-replica/infrastructure/party-replica.entity';
import { PolicyEntity, PolicyVersionEntity } from './policy/infrastructure/policy.entity';
import { BenefitPaymentEntity } from './policy/infrastructure/benefit-payment.entity';
import { PremiumPaymentEntity } from './policy/infrastructure/premium-payment.entity';
import { ProductReplicaEntity } from './product-replica/infrastructure/product-replica.entity';
import { UnderwritingCaseEntity } from './underwriting/infrastructure/underwriting-case.entity';

/** contract-svc: underwriting, offers and issue, the policy of record and its changes, premiums, the archive. */
export const service: ServiceParts<ContractConfig> = {
  descriptor: {
    name: 'contract-svc',
    schema: 'contract',
    defaultPort: 3003,
    staffRoles: ['underwriter', 'admin'],
  },
  configSchema: contractConfigSchema,
  database: {
    schema: 'contract',
    entities: [
      ProductReplicaEntity,
      PartyReplicaEntity,
      UnderwritingCaseEntity,
      PolicyEntity,
      PolicyVersionEntity,
      PremiumPaymentEntity,
      BenefitPaymentEntity,
      SignatureEntity,
      DocumentEntity,
    ],
    migrations: [
      ContractInit1764000000000,
      ContractDomain1764300000000,
      DemandNotice1765100000000,
      PolicyLoans1765200000000,
      SurvivalBenefits1765300000000,
      SurrenderRefunds1765400000000,
      PremiumCurrency1765500000000,
      OutboxAutovacuum1765800000000,
      PolicyParties1766400000000,
      PolicyholderChange1766500000000,
      PolicyPledge1766600000000,
      PartyReplica1766800000000,
      PartyIdentity1766900000000,
    ],
  },
  imports: (config) => [ContractModule.forRoot({ premiumSweepMs: config.PREMIUM_SWEEP_MS })],
};
