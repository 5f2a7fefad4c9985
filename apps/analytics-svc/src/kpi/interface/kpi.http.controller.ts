import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe } from '@insurer/platform-http';
import { ImprovementService } from '../../improvement/application/improvement.service';
import { GenerationService } from '../../projection/application/generation.service';
import { KpiService } from '../application/kpi.service';
import type { Kpis } from '../domain/kpis';

const Period = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['from'] });
const KpiQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(['day', 'product', 'channel', 'salesperson']).optional(),
});
const KPI_NAMES = [
  'newBusinessPremiumFen',
  'newPolicies',
  'quotes',
  'quoteToPolicyConversion',
  'coolingOffWithdrawalRate',
  'persistency13Month',
  'returnVisitSuccessRate',
  'claimsPaid',
  'claimCycleDays',
  'claimsDecidedInTime',
  'claimsPaidInTime',
  'lossRatio',
  'complaintsPer10kPolicies',
  'complaintsPer100mPremium',
  'csat',
  'nps',
] as const;
const ActionBody = z.strictObject({
  kpi: z.enum(KPI_NAMES),
  title: z.string().min(1).max(200),
  baseline: z.number(),
  target: z.number(),
  owner: z.string().min(1),
  dueOn: z.iso.date(),
});
const READERS = ['analyst', 'admin', 'compliance_officer'] as const;

@ApiTags('kpis')
@ApiBearerAuth()
@Controller()
export class KpiHttpController {
  constructor(
    private readonly kpis: KpiService,
    private readonly actions: ImprovementService,
    private readonly generations: GenerationService,
  ) {}

  @Get('kpis')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'KPIs for a period, in total and by day, product, channel or salesperson (definitions: docs/kpis.md)',
  })
  @ApiZodQuery(KpiQuery)
  get(@Query(new ZodValidationPipe(KpiQuery)) q: z.output<typeof KpiQuery>) {
    return this.kpis.kpis({ from: q.from, to: q.to }, q.by);
  }

  @Get('kpis.csv')
  @Roles(...READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiZodQuery(KpiQuery)
  async csv(@Query(new ZodValidationPipe(KpiQuery)) q: z.output<typeof KpiQuery>) {
    const result = await this.kpis.kpis({ from: q.from, to: q.to }, q.by);
    const rows: { key: string; kpis: Kpis }[] = q.by ? result.rows : [{ key: 'total', kpis: result.total }];
    const cell = (v: number | null) => (v === null ? '' : String(v));
    return (
      [
        [q.by ?? 'period', ...KPI_NAMES].join(','),
        ...rows.map((r) => [r.key, ...KPI_NAMES.map((k) => cell(r.kpis[k]))].join(',')),
      ].join('\n') + '\n'
    );
  }

  @Get('kpis/compare')
  @Roles(...READERS)
  @ApiOperation({ summary: 'This period against the period of the same length just before it' })
  @ApiZodQuery(KpiQuery.omit({ by: true }))
  compare(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.kpis.compare(q);
  }

  @Get('rankings/salespeople')
  @Roles(...READERS)
  @ApiZodQuery(KpiQuery.omit({ by: true }))
  ranking(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.kpis.ranking(q);
  }

  @Get('improvement-actions')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Improvement actions with the live KPI value (last 30 days), progress and overdue flag',
  })
  listActions() {
    return this.actions.list();
  }

  @Post('improvement-actions')
  @Roles('analyst', 'admin')
  @ApiZodBody(ActionBody)
  createAction(
    @Body(new ZodValidationPipe(ActionBody)) body: z.output<typeof ActionBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.actions.create(body, p.sub);
  }

  @Get('projections')
  @Roles('analyst', 'admin')
  @ApiOperation({ summary: 'Projection generations: the active one and any being rebuilt' })
  projections() {
    return this.generations.status();
  }

  @Post('projections/rebuild')
  @Roles('admin')
  @ApiOperation({
    summary: 'Rebuild every projection by replaying the topics from the beginning, without stopping',
  })
  rebuild() {
    return this.generations.startRebuild();
  }
}
