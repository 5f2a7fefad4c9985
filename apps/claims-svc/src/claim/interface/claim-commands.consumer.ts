import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { CommandOf } from '@insurer/contracts';
import { integratorPrincipal } from '@insurer/platform-auth';
import { AppError } from '@insurer/platform-http';
import { CommandRefusedError, type DeliveryContext } from '@insurer/platform-messaging';
import { ReportClaimHandler } from '../application/report-claim.handler';
import { SubmitDocumentsHandler } from '../application/submit-documents.handler';

/** Claim administrators' commands run the same code as REST, inside the delivery's transaction. */
@Controller()
export class ClaimCommandsConsumer {
  constructor(
    private readonly reportClaim: ReportClaimHandler,
    private readonly submitDocuments: SubmitDocumentsHandler,
  ) {}

  @EventPattern('claims.report-claim')
  async report(@Payload() command: CommandOf<'claims.report-claim'>, @Ctx() ctx: DeliveryContext) {
    await asRefusal(() =>
      this.reportClaim.execute(command.payload, integratorPrincipal(command.issuer), ctx.manager),
    );
  }

  @EventPattern('claims.submit-claim-documents')
  async documents(
    @Payload() command: CommandOf<'claims.submit-claim-documents'>,
    @Ctx() ctx: DeliveryContext,
  ) {
    const { claimId, documents } = command.payload;
    await asRefusal(() =>
      this.submitDocuments.execute(claimId, documents, integratorPrincipal(command.issuer), ctx.manager),
    );
  }
}

async function asRefusal(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw CommandRefusedError.of(err);
  }
}
