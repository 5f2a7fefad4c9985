import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@insurer/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import {
  ApiZodBody,
  ApiZodQuery,
  ResourceNotFoundError,
  AnswerLanguage,
  ZodValidationPipe,
  uuidParam,
} from '@insurer/platform-http';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { alertView } from '../application/alert-view';
import { RulesService } from '../application/rules.service';
import { AlertEntity, RiskScoreEntity } from '../infrastructure/monitoring.entity';

const RuleChangeBody = z.strictObject({
  effectiveFrom: z.iso.date(),
  severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  description: z.string().min(1).optional(),
  parameters: z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.array(z.number())]),
    )
    .optional(),
});
const AlertQuery = z.object({ ruleId: z.string().optional(), subjectId: z.string().optional() });
const ScoreQuery = z.object({
  kind: z.enum(['customer', 'salesperson']).optional(),
  id: z.string().optional(),
});

@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class ComplianceHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
  ) {}

  @Get('rules')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    summary:
      'Every rule with all its versions (parameters, severity, effective dates, legal source); its title and sources in the language of Accept-Language',
  })
  listRules(@AnswerLanguage() locale: Locale) {
    return this.rules.list(locale);
  }

  @Put('rules/:ruleId')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({ summary: 'A new version of a rule from a date; the previous version ends the day before' })
  @ApiZodBody(RuleChangeBody)
  changeRule(
    @Correlation() ctx: RequestContext,
    @Param('ruleId') ruleId: string,
    @Body(new ZodValidationPipe(RuleChangeBody)) body: z.output<typeof RuleChangeBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.rules.change(ruleId, body, p.sub, ctx);
  }

  @Get('alerts')
  @ApiOperation({
    summary:
      'Compliance alerts by rule, severity, status or period; each names its rule and says what it found in the language of Accept-Language',
  })
  @Roles('compliance_officer', 'admin')
  @ApiZodQuery(AlertQuery)
  async alerts(
    @Query(new ZodValidationPipe(AlertQuery)) q: z.output<typeof AlertQuery>,
    @AnswerLanguage() locale: Locale,
  ) {
    const where: FindOptionsWhere<AlertEntity> = {};
    if (q.ruleId) where.ruleId = q.ruleId;
    if (q.subjectId) where.subjectId = q.subjectId;
    const alerts = await this.dataSource.manager.find(AlertEntity, {
      where,
      order: { raisedAt: 'DESC' },
      take: 500,
    });
    return alerts.map((a) => alertView(a, locale));
  }

  @Get('alerts/:id')
  @ApiOperation({
    summary:
      'One alert with the rule, its legal source and the facts that raised it; its rule title and message in the language of Accept-Language',
  })
  @Roles('compliance_officer', 'admin')
  async alert(@Param('id', uuidParam) id: string, @AnswerLanguage() locale: Locale) {
    const alert = await this.dataSource.manager.findOne(AlertEntity, { where: { alertId: id } });
    if (!alert) throw new ResourceNotFoundError('alert', id);
    return alertView(alert, locale);
  }

  @Get('risk-scores')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    summary: 'Risk scores per customer and salesperson with their contributing rules, highest first',
  })
  @ApiZodQuery(ScoreQuery)
  scores(@Query(new ZodValidationPipe(ScoreQuery)) q: z.output<typeof ScoreQuery>) {
    const where: FindOptionsWhere<RiskScoreEntity> = {};
    if (q.kind) where.subjectKind = q.kind;
    if (q.id) where.subjectId = q.id;
    return this.dataSource.manager.find(RiskScoreEntity, { where, order: { score: 'DESC' }, take: 200 });
  }
}
