import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CommandOf, Reason } from '@insurer/contracts';
import { integratorPrincipal } from '@insurer/platform-auth';
import { AppError } from '@insurer/platform-http';
import { CommandRefusedError, type DeliveryContext } from '@insurer/platform-messaging';
import { CorrectCustomerHandler } from '../application/correct-customer.handler';
import { RegisterCustomerHandler } from '../application/register-customer.handler';
import type { ProfileField } from '../domain/field-catalogue';

/**
 * Integrators' commands on customer.commands.v1 run the same application code as the REST API. The effect is written
 * by the service's own transaction; the inbox (keyed by commandId) stops a resent command from registering twice, and a
 * refusal becomes customer.command-rejected with the same reasons a 4xx would carry.
 */
@Controller()
export class CustomerCommandsConsumer {
  constructor(
    private readonly registerCustomer: RegisterCustomerHandler,
    private readonly correctCustomer: CorrectCustomerHandler,
  ) {}

  @EventPattern('customer.register-customer')
  async register(@Payload() command: CommandOf<'customer.register-customer'>, @Ctx() ctx: DeliveryContext) {
    const { purpose, channel, agentId, ...profile } = command.payload;
    await refusalsAsReasons(() =>
      this.registerCustomer.execute(
        { purpose, channel, agentId, profile },
        integratorPrincipal(command.issuer).sub,
        ctx.manager,
      ),
    );
  }

  @EventPattern('customer.update-customer')
  async update(@Payload() command: CommandOf<'customer.update-customer'>, @Ctx() ctx: DeliveryContext) {
    const { customerId, expectedVersion, reason, changes } = command.payload;
    const { purpose, ...fields } = changes;
    await refusalsAsReasons(() =>
      this.correctCustomer.execute(
        customerId,
        { expectedVersion, reason, purpose, changes: fields as Partial<Record<ProfileField, unknown>> },
        integratorPrincipal(command.issuer),
        ctx.manager,
      ),
    );
  }
}

async function refusalsAsReasons(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const reasons: Reason[] = err.errors.length
      ? err.errors.map((e) => ({
          code: e.rule ?? err.code,
          message: e.message,
          pointer: `/payload${e.pointer}`,
          source: err.rule?.source,
        }))
      : [{ code: err.code, message: err.message, source: err.rule?.source }];
    throw new CommandRefusedError(reasons);
  }
}
