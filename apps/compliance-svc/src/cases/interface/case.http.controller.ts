import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@insurer/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import {
  ApiZodBody,
  ApiZodQuery,
  ZodValidationPipe,
  AnswerLanguage,
  uuidParam,
} from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { AssignCaseHandler } from '../application/assign-case.handler';
import { CaseQueries } from '../application/case.queries';
import { CloseCaseHandler } from '../application/close-case.handler';
import { CommentCaseHandler } from '../application/comment-case.handler';
import { EscalateCaseHandler } from '../application/escalate-case.handler';
import { OpenCaseHandler } from '../application/open-case.handler';

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

// The operationIds are those the routes had before this controller was split out: clients generated from the
// OpenAPI document name their methods by them.
@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class CaseHttpController {
  constructor(
    private readonly cases: CaseQueries,
    private readonly openCaseFromAlerts: OpenCaseHandler,
    private readonly assignCase: AssignCaseHandler,
    private readonly commentCase: CommentCaseHandler,
    private readonly escalateCase: EscalateCaseHandler,
    private readonly closeCase: CloseCaseHandler,
  ) {}

  @Get('cases')
  @Roles('compliance_officer', 'admin')
  @ApiZodQuery(CaseQuery)
  @ApiOperation({
    operationId: 'ComplianceHttpController_listCases',
    summary: 'Investigation cases by status or assignee',
  })
  listCases(@Query(new ZodValidationPipe(CaseQuery)) q: z.output<typeof CaseQuery>) {
    return this.cases.list(q);
  }

  @Post('cases')
  @Roles('compliance_officer')
  @ApiOperation({
    operationId: 'ComplianceHttpController_openCase',
    summary: 'Open a case from alerts not yet in one (e.g. reportable transactions)',
  })
  @ApiZodBody(OpenCaseBody)
  openCase(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(OpenCaseBody)) body: z.output<typeof OpenCaseBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.openCaseFromAlerts.execute(body.alertIds, p.sub, ctx);
  }

  @Get('cases/:id')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    operationId: 'ComplianceHttpController_getCase',
    summary:
      'One case with its alerts (each with its rule title and message in the language of Accept-Language), comments and history',
  })
  getCase(@Param('id', uuidParam) id: string, @AnswerLanguage() locale: Locale) {
    return this.cases.get(id, locale);
  }

  @Post('cases/:id/assignment')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiZodBody(AssignBody)
  @ApiOperation({
    operationId: 'ComplianceHttpController_assign',
    summary: 'Assign a case to a compliance officer',
  })
  assign(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AssignBody)) body: z.output<typeof AssignBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.assignCase.execute(id, body.assignee, p.sub, ctx);
  }

  @Post('cases/:id/comments')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiZodBody(CommentBody)
  @ApiOperation({ operationId: 'ComplianceHttpController_comment', summary: 'Add a comment to a case' })
  comment(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(CommentBody)) body: z.output<typeof CommentBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.commentCase.execute(id, p.sub, body.text, ctx, body.kind);
  }

  @Post('cases/:id/escalation')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiZodBody(EscalateBody)
  @ApiOperation({
    operationId: 'ComplianceHttpController_escalate',
    summary: 'Escalate a case with its reason',
  })
  escalate(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(EscalateBody)) body: z.output<typeof EscalateBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.escalateCase.execute(id, p.sub, body.reason, ctx);
  }

  @Post('cases/:id/closure')
  @HttpCode(200)
  @Roles('compliance_officer')
  @ApiOperation({
    operationId: 'ComplianceHttpController_close',
    summary: 'Close with a resolution; announces compliance.case-closed',
  })
  @ApiZodBody(CloseBody)
  close(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(CloseBody)) body: z.output<typeof CloseBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.closeCase.execute(id, p.sub, body.resolution, body.note, ctx);
  }
}
