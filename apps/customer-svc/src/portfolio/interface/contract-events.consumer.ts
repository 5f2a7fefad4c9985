import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  ENDED_POLICY_STATUSES,
  POLICY_STATUS_AFTER,
  POLICY_STATUS_EVENTS,
  type PolicyStatusEvent,
  type EventOf,
} from '@insurer/contracts';
import { DataSource } from 'typeorm';
import { RowWriter } from '@insurer/platform-database';
import { BATCH, causeOf, type DeliveryContext } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { SurveyService } from '../../survey/application/survey.service';
import { PolicyViewEntity } from '../infrastructure/portfolio.entity';

/**
 * Keeps the customer's policies (360 view) from contract-svc's events and sends the satisfaction survey after issue.
 * Each handler writes in the delivery's transaction, with the inbox row that makes a redelivery a no-op.
 */
@Controller()
export class ContractEventsConsumer {
  private readonly views: RowWriter<PolicyViewEntity>;

  constructor(
    private readonly surveys: SurveyService,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.views = new RowWriter(dataSource, PolicyViewEntity);
  }

  /** A run of issued policies at once: the 360 view written once, the surveys sent together. */
  @EventPattern('contract.policy-issued', BATCH)
  async onPolicyIssued(
    @Payload() events: EventOf<'contract.policy-issued'>[],
    @Ctx() ctx: DeliveryContext,
  ): Promise<void> {
    const updatedAt = this.clock.now();
    await this.views.write(
      ctx.manager,
      events.map(({ payload: p }) => ({
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
        updatedAt,
      })),
      'update',
    );
    await this.surveys.sendAll(
      ctx.manager,
      events.map((e) => ({
        customerId: e.payload.policyholderId,
        trigger: 'policy_issued' as const,
        policyId: e.payload.policyId,
        productCode: e.payload.productCode,
        salespersonId: e.payload.salespersonId,
        cause: causeOf(e),
      })),
    );
  }

  /**
   * Each lifecycle event leaves the policy in the status contract-svc gives it (POLICY_STATUS_AFTER). A status for a
   * policy this service never saw issued is ignored: there is nothing to show it on.
   */
  /** The policy moves to the new policyholder's 360 view (and off the previous one's). */
  @EventPattern('contract.policyholder-changed')
  async onPolicyholderChanged(
    @Payload() event: EventOf<'contract.policyholder-changed'>,
    @Ctx() ctx: DeliveryContext,
  ): Promise<void> {
    await ctx.manager.update(
      PolicyViewEntity,
      { policyId: event.payload.policyId },
      { policyholderId: event.payload.policyholderId, updatedAt: this.clock.now() },
    );
  }

  @EventPattern(POLICY_STATUS_EVENTS)
  async onStatusChanged(@Payload() event: EventOf<PolicyStatusEvent>, @Ctx() ctx: DeliveryContext) {
    const status = POLICY_STATUS_AFTER[event.type];
    const ended = ENDED_POLICY_STATUSES.includes(status);
    await ctx.manager.update(
      PolicyViewEntity,
      { policyId: event.payload.policyId },
      {
        status,
        // The day contract-svc announced the end: the retention periods of Art. 87 and AML run from it.
        endedOn: ended ? shanghaiDate(new Date(event.occurredAt)) : null,
        updatedAt: this.clock.now(),
      },
    );
  }
}
