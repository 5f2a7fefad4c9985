import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { SurveyService } from '../../survey/application/survey.service';
import { ClaimViewEntity, PolicyViewEntity } from '../infrastructure/portfolio.entity';

/** Keeps the customer's claims (360 view) from claims-svc's events and sends the survey after payment. */
@Controller()
export class ClaimEventsConsumer {
  constructor(
    private readonly surveys: SurveyService,
    private readonly clock: Clock,
  ) {}

  @EventPattern('claims.claim-reported')
  async onReported(@Payload() event: EventOf<'claims.claim-reported'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    await ctx.manager.upsert(
      ClaimViewEntity,
      {
        claimId: p.claimId,
        policyId: p.policyId,
        insuredId: p.insuredId,
        claimType: p.claimType,
        status: 'reported',
        amountClaimedFen: p.amountClaimedFen,
        amountPaidFen: null,
        reportedAt: new Date(p.reportedAt),
        updatedAt: this.clock.now(),
      },
      ['claimId'],
    );
  }

  @EventPattern('claims.claim-approved')
  async onApproved(@Payload() event: EventOf<'claims.claim-approved'>, @Ctx() ctx: DeliveryContext) {
    await ctx.manager.update(
      ClaimViewEntity,
      { claimId: event.payload.claimId },
      { status: 'approved', updatedAt: this.clock.now() },
    );
  }

  @EventPattern('claims.claim-rejected')
  async onRejected(@Payload() event: EventOf<'claims.claim-rejected'>, @Ctx() ctx: DeliveryContext) {
    await ctx.manager.update(
      ClaimViewEntity,
      { claimId: event.payload.claimId },
      { status: 'rejected', updatedAt: this.clock.now() },
    );
  }

  @EventPattern('claims.claim-paid')
  async onPaid(@Payload() event: EventOf<'claims.claim-paid'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    await ctx.manager.update(
      ClaimViewEntity,
      { claimId: p.claimId },
      { status: 'paid', amountPaidFen: p.amountFen, updatedAt: this.clock.now() },
    );
    // After a death claim the insured cannot answer; ask the policyholder, who is also who a policy belongs to.
    const policy = await ctx.manager.findOne(PolicyViewEntity, { where: { policyId: p.policyId } });
    const customerId = policy?.policyholderId ?? (p.claimType === 'death' ? null : p.insuredId);
    if (!customerId) return;
    await this.surveys.send(ctx.manager, {
      customerId,
      trigger: 'claim_paid',
      policyId: p.policyId,
      claimId: p.claimId,
      productCode: p.productCode,
      salespersonId: policy?.salespersonId,
    });
  }
}
