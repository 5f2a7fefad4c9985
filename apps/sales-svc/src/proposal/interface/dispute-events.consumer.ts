import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { shanghaiDate } from '@insurer/platform-time';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';
import { retentionAfterDispute } from '../domain/dual-recording';
import { ApplicationEntity } from '../infrastructure/application.entity';
import { PolicyDisputeEntity } from '../infrastructure/policy-dispute.entity';

/**
 * Disputes about a policy hold the recording of its sale (CIRC 2017 No. 54: kept beyond a dispute): a complaint
 * (customer-svc's events) while open, and a claim dispute (claims-svc's): a rejected claim may be contested, so its
 * rejection extends the recording, a reopened claim holds it again, and the next decision ends it. When a dispute
 * ends, the recording is kept until 2 years after, if that is later than its own date.
 */
@Controller()
export class DisputeEventsConsumer {
  @EventPattern('customer.complaint-opened')
  async onOpened(@Payload() event: EventOf<'customer.complaint-opened'>, @Ctx() ctx: DeliveryContext) {
    const { ticketId, policyId, openedAt } = event.payload;
    if (!policyId) return;
    await open(ctx.manager, ticketId, 'complaint', policyId, new Date(openedAt));
  }

  @EventPattern('customer.complaint-resolved')
  async onResolved(@Payload() event: EventOf<'customer.complaint-resolved'>, @Ctx() ctx: DeliveryContext) {
    await end(ctx.manager, event.payload.ticketId, shanghaiDate(new Date(event.payload.resolvedAt)));
  }

  @EventPattern('claims.claim-rejected')
  async onClaimRejected(@Payload() event: EventOf<'claims.claim-rejected'>, @Ctx() ctx: DeliveryContext) {
    const { claimId, policyId, decidedAt } = event.payload;
    await open(ctx.manager, claimId, 'claim', policyId, new Date(decidedAt));
    await end(ctx.manager, claimId, shanghaiDate(new Date(decidedAt)));
  }

  @EventPattern('claims.claim-reopened')
  async onClaimReopened(@Payload() event: EventOf<'claims.claim-reopened'>, @Ctx() ctx: DeliveryContext) {
    // Contested: open again until the claim is decided anew (a claim never rejected has no dispute to reopen).
    await ctx.manager.update(
      PolicyDisputeEntity,
      { disputeId: event.payload.claimId, kind: 'claim' },
      { resolvedOn: null },
    );
  }

  @EventPattern('claims.claim-paid')
  async onClaimPaid(@Payload() event: EventOf<'claims.claim-paid'>, @Ctx() ctx: DeliveryContext) {
    await end(ctx.manager, event.payload.claimId, shanghaiDate(new Date(event.payload.paidAt)));
  }
}

async function open(
  m: EntityManager,
  disputeId: string,
  kind: 'complaint' | 'claim',
  policyId: string,
  openedAt: Date,
): Promise<void> {
  await m
    .createQueryBuilder()
    .insert()
    .into(PolicyDisputeEntity)
    .values({ disputeId, kind, policyId, openedAt, resolvedOn: null })
    .orIgnore()
    .execute();
}

/** Ends a known dispute on `endedOn` and keeps the policy's recording until 2 years after, if later. */
async function end(m: EntityManager, disputeId: string, endedOn: string): Promise<void> {
  const dispute = await m.findOne(PolicyDisputeEntity, { where: { disputeId } });
  if (!dispute) return;
  await m.update(PolicyDisputeEntity, { disputeId }, { resolvedOn: endedOn });
  const policy = await m.findOne(PolicyReplicaEntity, { where: { policyId: dispute.policyId } });
  if (!policy) return;
  const application = await m.findOne(ApplicationEntity, {
    where: { applicationId: policy.applicationId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!application) return;
  const retainedUntil = retentionAfterDispute(application.recordingRetainedUntil, endedOn);
  if (retainedUntil !== application.recordingRetainedUntil)
    await m.update(
      ApplicationEntity,
      { applicationId: application.applicationId },
      { recordingRetainedUntil: retainedUntil },
    );
}
