import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sweepDue } from '@insurer/platform-database';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { DepartureTaskEntity } from '../infrastructure/monitoring.entity';
import { said } from '../domain/alert-texts';
import { AlertRaiser } from './alert-raiser';
import { RuleTable } from './rule-table';

/** Departure notices not sent within 30 days: checked on a timer, since the breach is the absence of an event. */
@Injectable()
export class SweepDepartureNoticesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly rules: RuleTable,
    private readonly alerts: AlertRaiser,
  ) {}

  async execute(limit = 200): Promise<number> {
    const today = shanghaiDate(this.clock.now());
    return sweepDue(
      this.dataSource,
      {
        entity: DepartureTaskEntity,
        alias: 't',
        due: (q) =>
          q
            .where('t.notified_at IS NULL')
            .andWhere('t.alerted_at IS NULL')
            .andWhere('t.due_on < :today', { today }),
        orderBy: 't.due_on',
        limit,
      },
      async (m, t) => {
        // The rule as the table has it in this transaction (read once per transaction); switched off, nothing is raised.
        const rule = (await this.rules.rulesOn(m, today)).find((r) => r.kind === 'departure_notice_overdue');
        if (!rule) return false;
        await this.alerts.raise(
          m,
          rule,
          {
            subject: { kind: 'salesperson', id: t.salespersonId },
            ...said('departureNoticeOverdue', {
              customerId: t.customerId,
              policyId: t.policyId,
              dueOn: t.dueOn,
              salespersonId: t.salespersonId,
            }),
            dedupeKey: `${rule.ruleId}:${t.salespersonId}:${t.policyId}`,
          },
          [t.departureEventId],
          this.clock.now(),
        );
        t.alertedAt = this.clock.now();
        await m.save(t);
      },
    );
  }
}
