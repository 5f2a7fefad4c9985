import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock } from '@insurer/platform-time';
import { sendRejectionNotice } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { viewOf } from './claim.view';

/** Art. 24: the rejection notice with its reasons, measured against its statutory deadline. */
@Injectable()
export class SendRejectionNoticeHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
  ) {}

  async execute(claimId: string, actor: string, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      const timer = await this.claims.timer(m, claimId, 'rejection_notice');
      const decided = sendRejectionNotice(claim, timer?.dueOn ?? null, actor, now);
      return viewOf(await this.claims.save(m, claim, decided));
    });
  }
}
