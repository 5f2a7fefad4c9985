import { Inject, Injectable } from '@nestjs/common';
import { DataSource, Raw } from 'typeorm';
import { isStaff, type Principal } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import type { Locale } from '@insurer/contracts';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import type { ClaimStatus } from '../domain/claim';
import { missingDocuments } from '../domain/intake';
import { claimNotice, type ClaimNotice } from './claim-notices';
import { lateExposureFen } from '../domain/statutory-timers';
import { ClaimEntity, ClaimTimerEntity } from '../infrastructure/claim.entity';
import { ClaimRepository } from '../infrastructure/claim.repository';
import { assertMayActOn } from './claim-access';
import { viewOf, type ClaimView } from './claim.view';
import { CLAIMS_SETTINGS, type ClaimsSettings } from './claims-settings';

/** What callers may read of claims: one claim, a list, and a claim's timeline. A customer reads only their own. */
@Injectable()
export class ClaimQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
    @Inject(CLAIMS_SETTINGS) private readonly settings: ClaimsSettings,
  ) {}

  async get(claimId: string, principal: Principal): Promise<ClaimView> {
    const claim = await this.claims.find(claimId);
    assertMayActOn(principal, claim);
    return viewOf(claim);
  }

  async list(principal: Principal, filter: { policyId?: string; status?: ClaimStatus }) {
    const where = isStaff(principal)
      ? {
          ...(filter.policyId ? { policyId: filter.policyId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
        }
      : [
          { insuredId: principal.customerId ?? '' },
          { policyholderId: principal.customerId ?? '' },
          // Death claims where the customer is a named beneficiary.
          {
            beneficiaries: Raw((column) => `${column} @> :me::jsonb`, {
              me: JSON.stringify([{ customerId: principal.customerId ?? '' }]),
            }),
          },
        ];
    const claims = await this.dataSource.manager.find(ClaimEntity, {
      where,
      order: { reportedAt: 'DESC' },
      take: 200,
    });
    return claims.map(viewOf);
  }

  /** The notice the claimant has at this stage (missing documents, or the rejection), in their language. */
  async notice(claimId: string, principal: Principal, locale: Locale): Promise<ClaimNotice> {
    const claim = await this.claims.find(claimId);
    assertMayActOn(principal, claim);
    const submitted = await this.claims.documentKinds(this.dataSource.manager, claimId);
    const notice = claimNotice(claim, submitted, missingDocuments(claim.claimType, submitted), locale);
    if (!notice) throw new ResourceNotFoundError('notice', claimId);
    return notice;
  }

  /** The claim's history with its timers, and what a late payment has cost so far. */
  async timeline(claimId: string, principal: Principal) {
    assertMayActOn(principal, await this.claims.find(claimId));
    const today = shanghaiDate(this.clock.now());
    const [history, timers] = await Promise.all([
      this.dataSource.manager.query(
        `SELECT at, action, actor, detail FROM claims.claim_history WHERE claim_id = $1 ORDER BY seq`,
        [claimId],
      ) as Promise<{ at: Date; action: string; actor: string; detail: Record<string, unknown> }[]>,
      this.dataSource.manager.find(ClaimTimerEntity, { where: { claimId }, order: { dueOn: 'ASC' } }),
    ]);
    return {
      claimId,
      history,
      timers: timers.map((t) => ({
        kind: t.kind,
        startedOn: t.startedOn,
        dueOn: t.dueOn,
        status: t.status,
        warnedAt: t.warnedAt,
        breachedAt: t.breachedAt,
        metAt: t.metAt,
        lateExposureFen:
          t.kind === 'payment' && t.status === 'breached' && t.amountFen
            ? lateExposureFen(t.amountFen, t.dueOn, today, this.settings.lateInterestBp)
            : 0,
      })),
    };
  }
}
