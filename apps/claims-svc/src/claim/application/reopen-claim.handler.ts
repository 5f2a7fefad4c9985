import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { reopen } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { viewOf } from './claim.view';

/** An appeal or new documents reopen a decided claim for a fresh assessment and decision. */
@Injectable()
export class ReopenClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
  ) {}

  async execute(claimId: string, actor: string, reason: string, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      return viewOf(await this.claims.save(m, claim, reopen(claim, reason, actor, now)));
    });
  }
}
