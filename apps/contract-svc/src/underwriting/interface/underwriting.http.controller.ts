import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import {
  ApiPreferWait,
  ApiZodBody,
  PreferredWait,
  ZodValidationPipe,
  uuidParam,
} from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { DecideCaseHandler } from '../application/decide-case.handler';
import { TakeCaseHandler } from '../application/take-case.handler';
import { UnderwritingQueries } from '../application/underwriting.queries';

const Reason = z.strictObject({ code: z.string().min(1), message: z.string().min(1) });
const DecisionBody = z
  .strictObject({
    decision: z.enum(['accept', 'accept_with_loading', 'accept_with_exclusion', 'decline']),
    loadingPercent: z.number().positive().max(500).optional(),
    exclusions: z.array(z.string().min(1)).optional(),
    reasons: z.array(Reason).min(1, 'a decision gives its reasons'),
  })
  .refine((d) => d.decision !== 'accept_with_loading' || d.loadingPercent !== undefined, {
    message: 'a loading decision needs loadingPercent',
    params: { code: 'REQUEST.LOADING_PERCENT' },
    path: ['loadingPercent'],
  })
  .refine((d) => d.decision !== 'accept_with_exclusion' || (d.exclusions?.length ?? 0) > 0, {
    message: 'an exclusion decision needs exclusions',
    params: { code: 'REQUEST.EXCLUSIONS' },
    path: ['exclusions'],
  });

@ApiTags('underwriting')
@ApiBearerAuth()
@Controller('underwriting')
export class UnderwritingHttpController {
  constructor(
    private readonly underwriting: UnderwritingQueries,
    private readonly takeCase: TakeCaseHandler,
    private readonly decideCase: DecideCaseHandler,
  ) {}

  @Get('cases')
  @Roles('underwriter', 'admin')
  @ApiOperation({ summary: 'The manual queue: referred and assigned cases, oldest first' })
  queue() {
    return this.underwriting.queue();
  }

  @Get('cases/:applicationId')
  @ApiOperation({ summary: 'One underwriting case with the application and its decision' })
  @ApiPreferWait(
    'the case is not opened yet (contract-svc opens it from sales-svc’s application-submitted event)',
    '404 if it still is not',
  )
  @Roles('underwriter', 'admin', 'compliance_officer')
  get(@Param('applicationId', uuidParam) id: string, @PreferredWait() waitMs: number) {
    return this.underwriting.get(id, waitMs);
  }

  @Post('cases/:applicationId/assignment')
  @HttpCode(200)
  @Roles('underwriter')
  @ApiOperation({ summary: 'Take a referred case' })
  take(
    @Correlation() ctx: RequestContext,
    @Param('applicationId', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.takeCase.execute(id, principal.sub, ctx);
  }

  @Post('cases/:applicationId/decision')
  @HttpCode(200)
  @Roles('underwriter')
  @ApiOperation({ summary: 'Decide a referred case with reasons; the decision is final' })
  @ApiZodBody(DecisionBody)
  decide(
    @Correlation() ctx: RequestContext,
    @Param('applicationId', uuidParam) id: string,
    @Body(new ZodValidationPipe(DecisionBody)) body: z.output<typeof DecisionBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.decideCase.execute(id, principal.sub, body, ctx);
  }
}
