import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import type { Principal } from '@insurer/platform-auth';
import { Clock } from '@insurer/platform-time';
import { decide, type DecisionInput } from '../domain/claim';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { viewOf } from './claim.view';
import { CLAIMS_SETTINGS, type ClaimsSettings } from './claims-settings';

/** Approve within the approver's authority (never one's own assessment), or reject with reasons. */
@Injectable()
export class DecideClaimHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
    @Inject(CLAIMS_SETTINGS) private readonly settings: ClaimsSettings,
  ) {}

  async execute(claimId: string, approver: Principal, input: DecisionInput, ctx: RequestContext) {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const claim = await this.claims.lock(m, claimId);
      const decided = decide(
        claim,
        input,
        { id: approver.sub, roles: approver.roles },
        this.settings.limits,
        now,
      );
      return viewOf(await this.claims.save(m, claim, decided));
    });
  }
}
