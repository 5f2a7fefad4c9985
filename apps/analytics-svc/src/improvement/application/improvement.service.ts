import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, addDays, shanghaiDate } from '@insurer/platform-time';
import { KpiService } from '../../kpi/application/kpi.service';
import { actionProgress } from '../../kpi/domain/kpis';
import { checkAction, ImprovementActionInvalidError, type TrackedKpi } from '../domain/improvement-action';

export type { TrackedKpi } from '../domain/improvement-action';

export interface NewAction {
  readonly kpi: TrackedKpi;
  readonly title: string;
  readonly baseline: number;
  readonly target: number;
  readonly owner: string;
  readonly dueOn: string;
}

/** Improvement actions (manual 8.3, 8.4): a KPI, where it stood, where it should get to, who and by when. */
@Injectable()
export class ImprovementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kpis: KpiService,
    private readonly clock: Clock,
  ) {}

  async create(input: NewAction, actor: string) {
    const errors = checkAction(input, shanghaiDate(this.clock.now()));
    if (errors.length) throw new ImprovementActionInvalidError(errors);
    const actionId = randomUUID();
    await this.dataSource.query(
      `INSERT INTO analytics.improvement_action (action_id, kpi, title, baseline, target, owner, due_on, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        actionId,
        input.kpi,
        input.title,
        input.baseline,
        input.target,
        input.owner,
        input.dueOn,
        actor,
        this.clock.now(),
      ],
    );
    return { actionId, ...input };
  }

  /** Each action with the KPI's value over the last 30 days, its progress, and whether it is overdue. */
  async list() {
    const today = shanghaiDate(this.clock.now());
    const current = (await this.kpis.kpis({ from: addDays(today, -29), to: today })).total;
    const rows: {
      action_id: string;
      kpi: TrackedKpi;
      title: string;
      baseline: string;
      target: string;
      owner: string;
      due_on: string;
    }[] = await this.dataSource.query(
      `SELECT action_id, kpi, title, baseline, target, owner, due_on::text FROM analytics.improvement_action ORDER BY due_on`,
    );
    return rows.map((r) => {
      const value = current[r.kpi];
      const progress = actionProgress(
        Number(r.baseline),
        Number(r.target),
        typeof value === 'number' ? value : null,
      );
      return {
        actionId: r.action_id,
        kpi: r.kpi,
        title: r.title,
        baseline: Number(r.baseline),
        target: Number(r.target),
        owner: r.owner,
        dueOn: r.due_on,
        current: typeof value === 'number' ? value : null,
        progress,
        overdue: today > r.due_on && (progress === null || progress < 1),
      };
    });
  }
}
