import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { TerminatePolicyOnClaimPaidHandler } from '../application/terminate-policy-on-claim-paid.handler';

/** Paid claims that exhaust a policy end it. */
@Controller()
export class ClaimEventsConsumer {
  constructor(private readonly terminate: TerminatePolicyOnClaimPaidHandler) {}

  @EventPattern('claims.claim-paid')
  async onClaimPaid(@Payload() event: EventOf<'claims.claim-paid'>, @Ctx() ctx: DeliveryContext) {
    if (event.payload.terminatesPolicy) {
      await this.terminate.execute(ctx.manager, event.payload.policyId, event.payload.claimType);
    }
  }
}
