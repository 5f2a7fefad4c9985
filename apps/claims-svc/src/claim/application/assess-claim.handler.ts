import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { ClaimsPolicyReplicaEntity } from '../../replica/infrastructure/replica.entity';
import { assess } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { viewOf } from './claim.view';

/** The payable amount step by step and the fraud score, from the claim, its policy's cover and the insured's claims. */
@Injectable()
export class AssessClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
  ) {}

  async execute(claimId: string, assessor: string, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      const policy = await m.findOneOrFail(ClaimsPolicyReplicaEntity, {
        where: { policyId: claim.policyId },
      });
      const product = await this.claims.product(m, policy.productCode, policy.productVersion);
      // As findOneOrFail did: the claim's intake needed this version, so it is here.
      if (!product)
        throw new Error(`product ${policy.productCode} v${policy.productVersion} has not been received`);
      const earlier = await this.claims.earlierPaid(m, claim);
      const decided = assess(
        claim,
        {
          coverage: product.definition.coverages.find((c) => c.code === claim.coverageCode),
          sumInsuredFen: policy.sumInsuredFen,
          sumInsuredGrowth: product.definition.sumInsuredGrowth,
          loan: policy.loan,
          effectiveDate: policy.effectiveDate,
          earlierPaid: earlier.map((c) => ({
            eventDate: c.eventDate,
            paidFen: c.paidFen,
            deductibleAbsorbedFen: c.assessment?.deductibleAbsorbedFen ?? 0,
          })),
          otherClaimDates: (await this.claims.otherClaimsOfInsured(m, claim)).map((c) => c.eventDate),
          reusedDocuments: await this.claims.reusedDocuments(m, claimId),
        },
        assessor,
        now,
      );
      return viewOf(await this.claims.save(m, claim, decided));
    });
  }
}
