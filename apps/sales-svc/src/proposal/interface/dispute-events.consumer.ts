import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { shanghaiDate } from '@insurer/platform-time';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';
import { retentionAfterDispute } from '../domain/dual-recording';
import { ApplicationEntity } from '../infrastructure/application.entity';
import { PolicyDisputeEntity } from '../infrastructure/policy-dispute.entity';

/**
 * Complaints about a policy (customer-svc's events) hold the recording of its sale: a complaint is remembered while
 * open, and when it is resolved the recording is kept until 2 years after, if that is later than its own date.
 */
@Controller()
export class DisputeEventsConsumer {
  @EventPattern('customer.complaint-opened')
  async onOpened(@Payload() event: EventOf<'customer.complaint-opened'>, @Ctx() ctx: DeliveryContext) {
    const { ticketId, policyId, openedAt } = event.payload;
    if (!policyId) return;
    await ctx.manager
      .createQueryBuilder()
      .insert()
      .into(PolicyDisputeEntity)
      .values({ ticketId, policyId, openedAt: new Date(openedAt), resolvedOn: null })
      .orIgnore()
      .execute();
  }

  @EventPattern('customer.complaint-resolved')
  async onResolved(@Payload() event: EventOf<'customer.complaint-resolved'>, @Ctx() ctx: DeliveryContext) {
    const m = ctx.manager;
    const dispute = await m.findOne(PolicyDisputeEntity, { where: { ticketId: event.payload.ticketId } });
    if (!dispute) return;
    const resolvedOn = shanghaiDate(new Date(event.payload.resolvedAt));
    await m.update(PolicyDisputeEntity, { ticketId: dispute.ticketId }, { resolvedOn });
    const policy = await m.findOne(PolicyReplicaEntity, { where: { policyId: dispute.policyId } });
    if (!policy) return;
    const application = await m.findOne(ApplicationEntity, {
      where: { applicationId: policy.applicationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!application) return;
    const retainedUntil = retentionAfterDispute(application.recordingRetainedUntil, resolvedOn);
    if (retainedUntil !== application.recordingRetainedUntil)
      await m.update(
        ApplicationEntity,
        { applicationId: application.applicationId },
        { recordingRetainedUntil: retainedUntil },
      );
  }
}
