import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { confirmPayment } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { viewOf } from './claim.view';

/** Finance confirms the payment of an approved claim. */
@Injectable()
export class ConfirmPaymentHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
  ) {}

  async execute(
    claimId: string,
    actor: string,
    input: { paidAt: string; bankReference: string },
    ctx: RequestContext,
  ) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      const decided = confirmPayment(
        claim,
        { paidAt: new Date(input.paidAt), bankReference: input.bankReference },
        actor,
        now,
      );
      return viewOf(await this.claims.save(m, claim, decided));
    });
  }
}
