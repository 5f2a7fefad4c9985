import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import { DataSource } from 'typeorm';
import { RowWriter } from '@insurer/platform-database';
import { BATCH, type DeliveryContext } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { SurveyService } from '../../survey/application/survey.service';
import { ClaimViewEntity, PolicyViewEntity } from '../infrastructure/portfolio.entity';

/**
 * Keeps the customer's claims (360 view) from claims-svc's events and sends the survey after payment. The writes
 * wait for nothing (RowWriter): each goes with the delivery transaction's next statement or its COMMIT, and a run of
 * reported claims is written in one statement. An update of a claim this service never saw reported changes nothing.
 */
@Controller()
export class ClaimEventsConsumer {
  private readonly views: RowWriter<ClaimViewEntity>;

  constructor(
    private readonly surveys: SurveyService,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.views = new RowWriter(dataSource, ClaimViewEntity);
  }

  /** A run of reported claims at once; a claim reported twice in the run keeps the later report, as in turn. */
  @EventPattern('claims.claim-reported', BATCH)
  async onReported(@Payload() events: EventOf<'claims.claim-reported'>[], @Ctx() ctx: DeliveryContext) {
    const updatedAt = this.clock.now();
    await this.views.write(
      ctx.manager,
      events.map(({ payload: p }) => ({
        claimId: p.claimId,
        policyId: p.policyId,
        insuredId: p.insuredId,
        claimType: p.claimType,
        status: 'reported',
        amountClaimedFen: p.amountClaimedFen,
        amountPaidFen: null,
        reportedAt: new Date(p.reportedAt),
        updatedAt,
      })),
      'update',
    );
  }

  @EventPattern('claims.claim-approved')
  async onApproved(@Payload() event: EventOf<'claims.claim-approved'>, @Ctx() ctx: DeliveryContext) {
    await this.views.update(ctx.manager, {
      claimId: event.payload.claimId,
      status: 'approved',
      updatedAt: this.clock.now(),
    });
  }

  @EventPattern('claims.claim-rejected')
  async onRejected(@Payload() event: EventOf<'claims.claim-rejected'>, @Ctx() ctx: DeliveryContext) {
    await this.views.update(ctx.manager, {
      claimId: event.payload.claimId,
      status: 'rejected',
      updatedAt: this.clock.now(),
    });
  }

  @EventPattern('claims.claim-paid')
  async onPaid(@Payload() event: EventOf<'claims.claim-paid'>, @Ctx() ctx: DeliveryContext) {
    const p = event.payload;
    await this.views.update(ctx.manager, {
      claimId: p.claimId,
      status: 'paid',
      amountPaidFen: p.amountFen,
      updatedAt: this.clock.now(),
    });
    // After a death claim the insured cannot answer; ask the policyholder, who is also who a policy belongs to. The
    // payment names them (since contracts 1.9.0); an earlier event, only the policy's view here if it came first.
    const policy = await ctx.manager.findOne(PolicyViewEntity, { where: { policyId: p.policyId } });
    const customerId =
      p.policyholderId ?? policy?.policyholderId ?? (p.claimType === 'death' ? null : p.insuredId);
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
