import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  POLICY_STATUS_AFTER,
  POLICY_STATUS_EVENTS,
  type PolicyStatusEvent,
  type EventOf,
} from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ProductVersionEntity } from '../../product/infrastructure/product-version.entity';
import { ApplicationEntity } from '../../proposal/infrastructure/application.entity';
import { deathBenefitFen } from '../../suitability/domain/parties';
import { ReturnVisitService } from '../../return-visit/application/return-visit.service';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';

/**
 * What sales follows of contract-svc: issued policies (replica, pipeline, the return visit inside cooling-off),
 * declined applications and the later life of a policy.
 */
@Controller()
export class ContractEventsConsumer {
  constructor(
    private readonly visits: ReturnVisitService,
    private readonly pipeline: PipelineService,
    private readonly clock: Clock,
  ) {}

  @EventPattern('contract.policy-issued')
  async onIssued(@Payload() event: EventOf<'contract.policy-issued'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    const now = this.clock.now();
    // sales-svc owns the product: what the policy pays on death is read from the version it was sold on.
    const product = await ctx.manager.findOne(ProductVersionEntity, {
      where: { productCode: p.productCode, version: p.productVersion },
    });
    await ctx.manager.upsert(
      PolicyReplicaEntity,
      {
        policyId: p.policyId,
        applicationId: p.applicationId,
        policyholderId: p.policyholderId,
        insuredId: p.insuredId,
        productCode: p.productCode,
        productType: p.productType,
        salespersonId: p.salespersonId,
        coverageTermYears: p.coverageTermYears,
        sumInsuredFen: p.sumInsuredFen,
        deathBenefitFen: product ? deathBenefitFen(product.terms.coverages, p.sumInsuredFen) : 0,
        effectiveDate: p.effectiveDate,
        coolingOffEndsOn: p.coolingOffEndsOn,
        status: 'in_force',
        updatedAt: now,
      },
      ['policyId'],
    );
    await ctx.manager.update(ApplicationEntity, { applicationId: p.applicationId }, { status: 'issued' });
    await this.pipeline.advance(ctx.manager, { applicationId: p.applicationId }, 'issued', {
      policyId: p.policyId,
    });
    await this.visits.schedule(ctx.manager, {
      policyId: p.policyId,
      customerId: p.policyholderId,
      salespersonId: p.salespersonId,
      coolingOffEndsOn: p.coolingOffEndsOn,
      issuedAt: p.issuedAt,
    });
  }

  @EventPattern('contract.underwriting-decided')
  async onDecided(@Payload() event: EventOf<'contract.underwriting-decided'>, @Ctx() ctx: DeliveryContext) {
    if (event.payload.decision !== 'decline') return;
    const { applicationId } = event.payload;
    await ctx.manager.update(ApplicationEntity, { applicationId }, { status: 'declined' });
    await this.pipeline.advance(ctx.manager, { applicationId }, 'declined');
  }

  /**
   * Each lifecycle event leaves the policy in the status contract-svc gives it (POLICY_STATUS_AFTER). A status for a
   * policy this service never saw issued is ignored: there is nothing to show it on.
   */
  @EventPattern(POLICY_STATUS_EVENTS)
  async onStatusChanged(@Payload() event: EventOf<PolicyStatusEvent>, @Ctx() ctx: DeliveryContext) {
    await ctx.manager.update(
      PolicyReplicaEntity,
      { policyId: event.payload.policyId },
      { status: POLICY_STATUS_AFTER[event.type], updatedAt: this.clock.now() },
    );
    if (event.type === 'contract.policy-withdrawn')
      await this.pipeline.advance(ctx.manager, { policyId: event.payload.policyId }, 'withdrawn');
  }
}
