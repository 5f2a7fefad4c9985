import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { POLICY_STATUS_AFTER, type EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { ApplicationEntity } from '../../proposal/infrastructure/application.entity';
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

  @EventPattern('contract.policy-withdrawn')
  async onWithdrawn(@Payload() event: EventOf<'contract.policy-withdrawn'>, @Ctx() ctx: DeliveryContext) {
    const { policyId } = event.payload;
    await this.setStatus(ctx, policyId, POLICY_STATUS_AFTER[event.type]);
    await this.pipeline.advance(ctx.manager, { policyId }, 'withdrawn');
  }

  @EventPattern('contract.policy-surrendered')
  async onSurrendered(@Payload() event: EventOf<'contract.policy-surrendered'>, @Ctx() ctx: DeliveryContext) {
    await this.setStatus(ctx, event.payload.policyId, POLICY_STATUS_AFTER[event.type]);
  }

  @EventPattern('contract.policy-lapsed')
  async onLapsed(@Payload() event: EventOf<'contract.policy-lapsed'>, @Ctx() ctx: DeliveryContext) {
    await this.setStatus(ctx, event.payload.policyId, POLICY_STATUS_AFTER[event.type]);
  }

  @EventPattern('contract.policy-reinstated')
  async onReinstated(@Payload() event: EventOf<'contract.policy-reinstated'>, @Ctx() ctx: DeliveryContext) {
    await this.setStatus(ctx, event.payload.policyId, POLICY_STATUS_AFTER[event.type]);
  }

  @EventPattern('contract.policy-terminated')
  async onTerminated(@Payload() event: EventOf<'contract.policy-terminated'>, @Ctx() ctx: DeliveryContext) {
    await this.setStatus(ctx, event.payload.policyId, POLICY_STATUS_AFTER[event.type]);
  }

  private async setStatus(ctx: DeliveryContext, policyId: string, status: string): Promise<void> {
    await ctx.manager.update(PolicyReplicaEntity, { policyId }, { status, updatedAt: this.clock.now() });
  }
}
