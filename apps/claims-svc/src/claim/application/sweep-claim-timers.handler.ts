import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sweepDue } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { sweepStep } from '../domain/statutory-timers';
import { ClaimTimerEntity } from '../infrastructure/claim.entity';
import { ClaimRepository } from '../infrastructure/claim.repository';

/**
 * The statutory timers live in Postgres (claim_timer), so a restart loses none: each sweep reads the open timers,
 * warns once when a deadline is close and reports a breach once when it has passed.
 */
@Injectable()
export class SweepClaimTimersHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly claims: ClaimRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(limit = 200): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    return sweepDue(
      this.dataSource,
      {
        entity: ClaimTimerEntity,
        alias: 't',
        due: (q) => q.where("t.status IN ('pending', 'warned')"),
        orderBy: 't.due_on',
        limit,
      },
      async (m, timer) => {
        const step = sweepStep(timer as ClaimTimerEntity & { status: 'pending' | 'warned' }, today);
        if (step === null) return false;
        const at = now.toISOString();
        if (step === 'breach') {
          timer.status = 'breached';
          timer.breachedAt = now;
          await m.save(timer);
          await this.claims.history(m, timer.claimId, [
            { action: `${timer.kind}_deadline_breached`, actor: 'timer', detail: { dueOn: timer.dueOn } },
          ]);
          await this.outbox.publish(m, {
            type: 'claims.deadline-breached',
            aggregateId: timer.claimId,
            payload: { claimId: timer.claimId, timer: timer.kind, dueOn: timer.dueOn, breachedAt: at },
          });
        } else {
          timer.status = 'warned';
          timer.warnedAt = now;
          await m.save(timer);
          await this.outbox.publish(m, {
            type: 'claims.deadline-warning',
            aggregateId: timer.claimId,
            payload: { claimId: timer.claimId, timer: timer.kind, dueOn: timer.dueOn, warnedAt: at },
          });
        }
        return true;
      },
    );
  }
}
