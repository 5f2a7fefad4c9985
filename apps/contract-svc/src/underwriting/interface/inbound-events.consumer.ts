import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { UnderwritingService } from '../application/underwriting.service';

/** Applications from sales-svc enter underwriting. */
@Controller()
export class ContractInboundConsumer {
  constructor(private readonly underwriting: UnderwritingService) {}

  @EventPattern('sales.application-submitted')
  async onApplication(@Payload() event: EventOf<'sales.application-submitted'>, @Ctx() ctx: DeliveryContext) {
    await this.underwriting.onApplication(ctx.manager, event.payload);
  }
}
