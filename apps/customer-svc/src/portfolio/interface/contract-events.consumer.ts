import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { POLICY_STATUS_AFTER, type EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { SurveyService } from '../../survey/application/survey.service';
import { PolicyViewEntity } from '../infrastructure/portfolio.entity';

/**
 * Keeps the customer's policies (360 view) from contract-svc's events and sends the satisfaction survey after issue.
 * Each handler writes in the delivery's transaction, with the inbox row that makes a redelivery a no-op.
 */
@Controller()
export class ContractEventsConsumer {
  constructor(
    private readonly surveys: SurveyService,
    private readonly clock: Clock,
  ) {}

  @EventPattern('contract.policy-issued')
  async onPolicyIssued(
    @Payload() event: EventOf<'contract.policy-issued'>,
    @Ctx() ctx: DeliveryContext,
  ): Promise<void> {
    const p = event.payload;
    await ctx.manager.upsert(
      PolicyViewEntity,
      {
        policyId: p.policyId,
        policyNumber: p.policyNumber,
        policyholderId: p.policyholderId,
        insuredId: p.insuredId,
        productCode: p.productCode,
        productType: p.productType,
        status: 'in_force',
        premiumFen: p.premiumFen,
        sumInsuredFen: p.sumInsuredFen,
        effectiveDate: p.effectiveDate,
        expiryDate: p.expiryDate,
        salespersonId: p.salespersonId,
        updatedAt: this.clock.now(),
      },
      ['policyId'],
    );
    await this.surveys.send(ctx.manager, {
      customerId: p.policyholderId,
      trigger: 'policy_issued',
      policyId: p.policyId,
      productCode: p.productCode,
      salespersonId: p.salespersonId,
    });
  }

  @EventPattern('contract.policy-withdrawn')
  async onWithdrawn(@Payload() event: EventOf<'contract.policy-withdrawn'>, @Ctx() ctx: DeliveryContext) {
    await this.setStatus(ctx, event.payload.policyId, POLICY_STATUS_AFTER[event.type]);
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

  /** A status for a policy this service never saw issued is ignored: there is nothing to show it on. */
  private async setStatus(ctx: DeliveryContext, policyId: string, status: string): Promise<void> {
    await ctx.manager.update(PolicyViewEntity, { policyId }, { status, updatedAt: this.clock.now() });
  }
}
