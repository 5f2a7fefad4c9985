import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sealText } from '@insurer/platform-crypto';
import { inTransaction, PrimaryKeyReader, type Within } from '@insurer/platform-database';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { ClaimsPolicyReplicaEntity } from '../../replica/infrastructure/replica.entity';
import { reportClaim } from '../domain/claim';
import { checkIntake, type CauseOfDeath, type ClaimType } from '../domain/intake';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { payeeContext, payeeNameContext } from '../infrastructure/payee-seal';
import { assertMayReport, type ClaimActor } from './claim-access';
import { viewOf, type ClaimView } from './claim.view';
import { CLAIMS_SETTINGS, type ClaimsSettings } from './claims-settings';

export interface ReportInput {
  readonly policyId: string;
  readonly insuredId: string;
  readonly claimType: ClaimType;
  readonly eventDate: string;
  readonly causeOfDeath?: CauseOfDeath;
  readonly description: string;
  readonly amountClaimedFen: number;
  readonly payee: { name: string; bankAccount: string; relationship: string };
}

/** First notice of a claim, from REST or an integrator's command (then inside the delivery's transaction). */
@Injectable()
export class ReportClaimHandler {
  /** Intake reads the policy replica in one statement, no query builder (the product version through the repository). */
  private readonly policyReplica: PrimaryKeyReader<ClaimsPolicyReplicaEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
    @Inject(CLAIMS_SETTINGS) private readonly settings: ClaimsSettings,
  ) {
    this.policyReplica = new PrimaryKeyReader(dataSource, ClaimsPolicyReplicaEntity);
  }

  async execute(input: ReportInput, actor: ClaimActor, within: Within): Promise<ClaimView> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, within, async (m) => {
      const policy = await this.policyReplica.findIn(m, input.policyId);
      assertMayReport(actor, policy, input);
      const product = policy ? await this.claims.product(m, policy.productCode, policy.productVersion) : null;
      const intake = checkIntake(
        policy && {
          insuredId: policy.insuredId,
          isLife: policy.isLife,
          effectiveDate: policy.effectiveDate,
          expiryDate: policy.expiryDate,
          endedOn: policy.endedOn,
          suspensions: policy.suspensions,
          limitationYears: product?.definition.limitationYears ?? (policy.isLife ? 5 : 2),
        },
        product?.definition.coverages ?? [],
        input,
        shanghaiDate(now),
      );
      const claimId = randomUUID();
      const decided = reportClaim(
        {
          claimId,
          policy,
          insuredId: input.insuredId,
          claimType: input.claimType,
          eventDate: input.eventDate,
          causeOfDeath: input.causeOfDeath,
          description: input.description,
          amountClaimedFen: input.amountClaimedFen,
          payee: {
            name: input.payee.name,
            relationship: input.payee.relationship,
            accountLast4: input.payee.bankAccount.slice(-4),
          },
          intake,
          actor: actor.sub,
        },
        now,
      );
      const row = this.claims.newRow({
        ...decided.state,
        payeeAccount: sealText(this.settings.dataKey, input.payee.bankAccount, payeeContext(claimId)),
        payeeNameSealed: sealText(this.settings.dataKey, input.payee.name, payeeNameContext(claimId)),
      });
      await this.claims.insert(m, row, decided);
      return viewOf(row);
    });
  }
}
