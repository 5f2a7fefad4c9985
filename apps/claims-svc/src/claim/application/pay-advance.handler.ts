import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { payAdvance } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { viewOf } from './claim.view';

/** Art. 25: the determinable part paid ahead while the amount is still open. */
@Injectable()
export class PayAdvanceHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
  ) {}

  async execute(claimId: string, actor: string, amountFen: number, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      return viewOf(await this.claims.save(m, claim, payAdvance(claim, amountFen, actor, now)));
    });
  }
}
