import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CommandOf } from '@insurer/contracts';
import { AppError } from '@insurer/platform-http';
import { CommandRefusedError, type DeliveryContext } from '@insurer/platform-messaging';
import { SubmitApplicationHandler } from '../application/submit-application.handler';

/**
 * `sales.submit-application` from sales platforms runs the same checks as POST /applications, inside the delivery's
 * transaction; a refusal becomes sales.command-rejected with every reason and its legal source.
 */
@Controller()
export class ApplicationCommandsConsumer {
  constructor(private readonly submitApplication: SubmitApplicationHandler) {}

  @EventPattern('sales.submit-application')
  async submit(@Payload() command: CommandOf<'sales.submit-application'>, @Ctx() ctx: DeliveryContext) {
    try {
      await this.submitApplication.executeIn(ctx.manager, command.payload);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw CommandRefusedError.of(err);
    }
  }
}
