import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { isBreached, lateExposureFen, warnFrom } from '../domain/statutory-timers';
import { ClaimTimerEntity } from '../infrastructure/claim.entity';
import { CLAIMS_SETTINGS, ClaimService, type ClaimsSettings } from './claim.service';

/**
 * The statutory timers live in Postgres (claim_timer), so a restart loses none: each sweep reads the open timers,
 * warns once when a deadline is close and reports a breach once when it has passed. Rows are claimed with
 * SKIP LOCKED so replicas never report twice.
 */
@Injectable()
export class ClaimTimersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly claims: ClaimService,
    @Inject(CLAIMS_SETTINGS) private readonly settings: ClaimsSettings,
  ) {}

  async sweep(limit = 200): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return this.dataSource.transaction(async (m) => {
      const open = await m
        .createQueryBuilder(ClaimTimerEntity, 't')
        .where("t.status IN ('pending', 'warned')")
        .orderBy('t.due_on')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let changed = 0;
      for (const timer of open) {
        if (isBreached(timer.dueOn, today)) {
          timer.status = 'breached';
          timer.breachedAt = now;
          await m.save(timer);
          await this.claims.history(m, timer.claimId, `${timer.kind}_deadline_breached`, 'timer', {
            dueOn: timer.dueOn,
          });
          await this.outbox.publish(m, {
            type: 'claims.deadline-breached',
            aggregateId: timer.claimId,
            payload: {
              claimId: timer.claimId,
              timer: timer.kind,
              dueOn: timer.dueOn,
              breachedAt: now.toISOString(),
            },
          });
          changed += 1;
        } else if (timer.status === 'pending' && today >= warnFrom(timer.kind, timer.dueOn)) {
          timer.status = 'warned';
          timer.warnedAt = now;
          await m.save(timer);
          await this.outbox.publish(m, {
            type: 'claims.deadline-warning',
            aggregateId: timer.claimId,
            payload: {
              claimId: timer.claimId,
              timer: timer.kind,
              dueOn: timer.dueOn,
              warnedAt: now.toISOString(),
            },
          });
          changed += 1;
        }
      }
      return changed;
    });
  }

  /** The claim's history with its timers, and what a late payment has cost so far. */
  async timeline(claimId: string) {
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
