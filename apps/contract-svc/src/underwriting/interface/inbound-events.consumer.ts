import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { PolicyService } from '../../policy/application/policy.service';
import { UnderwritingService } from '../application/underwriting.service';

/** Applications from sales-svc enter underwriting; paid claims that exhaust a policy end it. */
@Controller()
export class ContractInboundConsumer {
  constructor(
    private readonly underwriting: UnderwritingService,
    private readonly policies: PolicyService,
  ) {}

  @EventPattern('sales.application-submitted')
  async onApplication(@Payload() event: EventOf<'sales.application-submitted'>, @Ctx() ctx: DeliveryContext) {
    await this.underwriting.onApplication(ctx.manager, event.payload);
  }

  @EventPattern('claims.claim-paid')
  async onClaimPaid(@Payload() event: EventOf<'claims.claim-paid'>, @Ctx() ctx: DeliveryContext) {
    if (event.payload.terminatesPolicy) {
      await this.policies.terminateAfterClaim(ctx.manager, event.payload.policyId, event.payload.claimType);
    }
  }
}
