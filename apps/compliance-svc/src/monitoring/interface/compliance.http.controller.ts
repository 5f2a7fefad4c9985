import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import {
  ApiZodBody,
  ApiZodQuery,
  ResourceNotFoundError,
  ZodValidationPipe,
  uuidParam,
} from '@insurer/platform-http';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '../../audit/application/audit.service';
import { CaseService } from '../../cases/application/case.service';
import { ReportsService } from '../../reports/application/reports.service';
import { RulesService } from '../application/rules.service';
import { AlertEntity, RiskScoreEntity } from '../infrastructure/monitoring.entity';

const Period = z.object({ from: z.iso.date(), to: z.iso.date() });
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
const CaseQuery = z.object({
  status: z.enum(['open', 'investigating', 'escalated', 'closed']).optional(),
  assignee: z.string().optional(),
});
const OpenCaseBody = z.strictObject({ alertIds: z.array(z.uuid()).min(1) });
const AssignBody = z.strictObject({ assignee: z.string().min(1) });
const CommentBody = z.strictObject({
  text: z.string().min(1).max(5000),
  kind: z.enum(['comment', 'evidence']).default('comment'),
});
const EscalateBody = z.strictObject({ reason: z.string().min(1).max(2000) });
const CloseBody = z.strictObject({
  resolution: z.enum(['no_breach', 'remediated', 'reported_to_regulator', 'disciplinary']),
  note: z.string().min(1).max(5000),
});
const ScoreQuery = z.object({
  kind: z.enum(['customer', 'salesperson']).optional(),
  id: z.string().optional(),
});
const AuditQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  eventType: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class ComplianceHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    private readonly cases: CaseService,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
  ) {}

  @Get('rules')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    summary: 'Every rule with all its versions (parameters, severity, effective dates, legal source)',
  })
  listRules() {
    return this.rules.list();
  }

  @Put('rules/:ruleId')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({ summary: 'A new version of a rule from a date; the previous version ends the day before' })
  @ApiZodBody(RuleChangeBody)
  changeRule(
    @Param('ruleId') ruleId: string,
    @Body(new ZodValidationPipe(RuleChangeBody)) body: z.output<typeof RuleChangeBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.rules.change(ruleId, body, p.sub);
  }

  @Get('alerts')
  @Roles('compliance_officer', 'admin')
  @ApiZodQuery(AlertQuery)
  alerts(@Query(new ZodValidationPipe(AlertQuery)) q: z.output<typeof AlertQuery>) {
    const where: FindOptionsWhere<AlertEntity> = {};
    if (q.ruleId) where.ruleId = q.ruleId;
    if (q.subjectId) where.subjectId = q.subjectId;
    return this.dataSource.manager.find(AlertEntity, { where, order: { raisedAt: 'DESC' }, take: 500 });
  }

  @Get('alerts/:id')
  @Roles('compliance_officer', 'admin')
  async alert(@Param('id', uuidParam) id: string) {
    const alert = await this.dataSource.manager.findOne(AlertEntity, { where: { alertId: id } });
    if (!alert) throw new ResourceNotFoundError('alert', id);
    return alert;
  }

  @Get('cases')
  @Roles('compliance_officer', 'admin')
  @ApiZodQuery(CaseQuery)
  listCases(@Query(new ZodValidationPipe(CaseQuery)) q: z.output<typeof CaseQuery>) {
    return this.cases.list(q);
  }

  @Post('cases')
  @Roles('compliance_officer')
  @ApiOperation({ summary: 'Open a case from alerts not yet in one (e.g. reportable transactions)' })
  @ApiZodBody(OpenCaseBody)
  openCase(
    @Body(new ZodValidationPipe(OpenCaseBody)) body: z.output<typeof OpenCaseBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cases.open(body.alertIds, p.sub);
  }

  @Get('cases/:id')
  @Roles('compliance_officer', 'admin')
  getCase(@Param('id', uuidParam) id: string) {
    return this.cases.get(id);
  }

  @Post('cases/:id/assignment')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiZodBody(AssignBody)
  assign(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AssignBody)) body: z.output<typeof AssignBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cases.assign(id, body.assignee, p.sub);
  }

  @Post('cases/:id/comments')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiZodBody(CommentBody)
  comment(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(CommentBody)) body: z.output<typeof CommentBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cases.comment(id, p.sub, body.text, body.kind);
  }

  @Post('cases/:id/escalation')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiZodBody(EscalateBody)
  escalate(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(EscalateBody)) body: z.output<typeof EscalateBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cases.escalate(id, p.sub, body.reason);
  }

  @Post('cases/:id/closure')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiOperation({ summary: 'Close with a resolution; announces compliance.case-closed' })
  @ApiZodBody(CloseBody)
  close(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(CloseBody)) body: z.output<typeof CloseBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.cases.close(id, p.sub, body.resolution, body.note);
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

  @Get('audit')
  @Roles('compliance_officer', 'admin')
  @ApiZodQuery(AuditQuery)
  auditEntries(@Query(new ZodValidationPipe(AuditQuery)) q: z.output<typeof AuditQuery>) {
    return this.audit.entries(q);
  }

  @Get('audit/verify')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    summary: 'Walk the hash chain and report the first broken link (edited, deleted or moved entry)',
  })
  verify() {
    return this.audit.verify();
  }

  @Get('reports/aml')
  @Roles('compliance_officer', 'admin', 'analyst')
  @ApiOperation({ summary: 'Large-value and suspicious transactions for a period (CSV at /reports/aml.csv)' })
  @ApiZodQuery(Period)
  async aml(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return { from: q.from, to: q.to, transactions: await this.reports.amlTransactions(q.from, q.to) };
  }

  @Get('reports/aml.csv')
  @Roles('compliance_officer', 'admin', 'analyst')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiZodQuery(Period)
  async amlCsv(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.reports.toCsv(await this.reports.amlTransactions(q.from, q.to));
  }

  @Get('reports/summary')
  @Roles('compliance_officer', 'admin', 'analyst')
  @ApiOperation({ summary: 'Alerts by rule, time to close and open cases by age, for a period' })
  @ApiZodQuery(Period)
  summary(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.reports.summary(q.from, q.to);
  }
}
