import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { EventOf } from '@insurer/contracts';
import type { DeliveryContext } from '@insurer/platform-messaging';
import { OpenCaseOnApplicationSubmittedHandler } from '../application/open-case-on-application-submitted.handler';

/** Applications from sales-svc enter underwriting. */
@Controller()
export class ContractInboundConsumer {
  constructor(private readonly openCase: OpenCaseOnApplicationSubmittedHandler) {}

  @EventPattern('sales.application-submitted')
  async onApplication(@Payload() event: EventOf<'sales.application-submitted'>, @Ctx() ctx: DeliveryContext) {
    await this.openCase.execute(ctx.manager, event.payload);
  }
}
