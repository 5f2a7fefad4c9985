import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { SubmitApplicationV1 } from '@insurer/contracts';
import { Roles } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, parseOrThrow, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { IdempotencyKey } from '../../quote/interface/quote.http.controller';
import { ApplicationQueries } from '../application/application.queries';
import { SubmitApplicationHandler } from '../application/submit-application.handler';

/** The REST body is the integrators' SubmitApplication command payload: one contract for both ways in. */
const ApplicationBody = SubmitApplicationV1.payload.strict();

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationHttpController {
  constructor(
    private readonly submitApplication: SubmitApplicationHandler,
    private readonly applications: ApplicationQueries,
  ) {}

  @Post()
  @Roles('agent', 'integrator')
  @ApiOperation({
    summary: 'Submit an application from a valid quote; all sales-conduct refusals are listed together',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key returns the first result',
  })
  @ApiZodBody(ApplicationBody)
  async submit(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(ApplicationBody)) body: z.output<typeof ApplicationBody>,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = parseOrThrow(IdempotencyKey, rawKey);
    const result = await this.submitApplication.execute(body, ctx, key);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One application with its parties, declarations and status' })
  @Roles('agent', 'integrator', 'admin', 'compliance_officer', 'underwriter')
  get(@Param('id', uuidParam) id: string) {
    return this.applications.get(id);
  }
}
