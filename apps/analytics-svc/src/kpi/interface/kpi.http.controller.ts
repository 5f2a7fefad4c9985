import { Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@insurer/platform-auth';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { ApiZodQuery, ZodValidationPipe } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { GenerationService } from '../../projection/application/generation.service';
import { KpiService } from '../application/kpi.service';
import { KPI_NAMES, type Kpis } from '../domain/kpis';

/** A period runs forward: `from` on or before `to`. */
const forward = (p: { from: string; to: string }) => p.from <= p.to;
const FORWARD = { message: 'from must not be after to', params: { code: 'REQUEST.PERIOD' }, path: ['from'] };
const Period = z.object({ from: z.iso.date(), to: z.iso.date() }).refine(forward, FORWARD);
/** A drill-down to one product, channel or salesperson (any combination). */
const SliceQuery = {
  product: z.string().min(1).max(50).optional(),
  channel: z.string().min(1).max(50).optional(),
  salesperson: z.string().min(1).max(50).optional(),
};
const KpiQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(['day', 'product', 'channel', 'salesperson']).optional(),
  ...SliceQuery,
});
const CompareQuery = Period.and(z.object(SliceQuery));
const SeriesQuery = z
  .object({ from: z.iso.date(), to: z.iso.date(), by: z.enum(['channel', 'product']), ...SliceQuery })
  .refine(forward, FORWARD)
  // A year of days at most: the series is drawn, not exported.
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 366 * 86_400_000, {
    message: 'a series covers at most 366 days',
    params: { code: 'REQUEST.PERIOD_TOO_LONG' },
    path: ['to'],
  });
const AgeingQuery = z.object({ asOf: z.iso.date().optional(), ...SliceQuery });
const slice = (q: { product?: string; channel?: string; salesperson?: string }) => ({
  product: q.product,
  channel: q.channel,
  salesperson: q.salesperson,
});
const READERS = ['analyst', 'admin', 'compliance_officer'] as const;

@ApiTags('kpis')
@ApiBearerAuth()
@Controller()
export class KpiHttpController {
  constructor(
    private readonly kpis: KpiService,
    private readonly generations: GenerationService,
    private readonly clock: Clock,
  ) {}

  @Get('kpis')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'KPIs for a period, in total and by day, product, channel or salesperson (definitions: docs/kpis.md)',
  })
  @ApiZodQuery(KpiQuery)
  get(@Query(new ZodValidationPipe(KpiQuery)) q: z.output<typeof KpiQuery>) {
    return this.kpis.kpis({ from: q.from, to: q.to }, q.by, slice(q));
  }

  @Get('kpis.csv')
  @ApiOperation({ summary: 'The KPIs of a period as CSV, one row per group and KPI' })
  @Roles(...READERS)
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiZodQuery(KpiQuery)
  async csv(@Query(new ZodValidationPipe(KpiQuery)) q: z.output<typeof KpiQuery>) {
    const result = await this.kpis.kpis({ from: q.from, to: q.to }, q.by, slice(q));
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
  compare(@Query(new ZodValidationPipe(CompareQuery)) q: z.output<typeof CompareQuery>) {
    return this.kpis.compare({ from: q.from, to: q.to }, slice(q));
  }

  @Get('kpis/premium-series')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Premium received per day by channel or by product, for a period (and a drill-down)',
  })
  @ApiZodQuery(
    z.object({ from: z.iso.date(), to: z.iso.date(), by: z.enum(['channel', 'product']), ...SliceQuery }),
  )
  series(@Query(new ZodValidationPipe(SeriesQuery)) q: z.output<typeof SeriesQuery>) {
    return this.kpis.premiumSeries({ from: q.from, to: q.to }, q.by, slice(q));
  }

  @Get('claims-ageing')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'Claims by stage and age on a day, the open ones against their statutory deadlines (Arts. 23-25)',
  })
  @ApiZodQuery(AgeingQuery)
  ageing(@Query(new ZodValidationPipe(AgeingQuery)) q: z.output<typeof AgeingQuery>) {
    return this.kpis.claimsAgeing(q.asOf ?? shanghaiDate(this.clock.now()), slice(q));
  }

  @Get('rankings/salespeople')
  @ApiOperation({ summary: 'Salespeople ranked by their KPIs for a period' })
  @Roles(...READERS)
  @ApiZodQuery(KpiQuery.omit({ by: true }))
  ranking(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.kpis.ranking(q);
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
  rebuild(@Correlation() ctx: RequestContext) {
    return this.generations.startRebuild(ctx);
  }
}
