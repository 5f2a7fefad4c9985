import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { ReturnVisitService } from '../application/return-visit.service';

const OutcomeBody = z.strictObject({
  reached: z.boolean(),
  identityConfirmed: z.boolean(),
  termsUnderstood: z.boolean(),
  wantsToWithdraw: z.boolean(),
  notes: z.string().max(2000).optional(),
});
const ListQuery = z.object({
  status: z.enum(['scheduled', 'completed', 'overdue']).optional(),
  salespersonId: z.string().min(1).optional(),
  policyId: z.uuid().optional(),
});

@ApiTags('return-visits')
@ApiBearerAuth()
@Controller('return-visits')
export class ReturnVisitHttpController {
  constructor(private readonly visits: ReturnVisitService) {}

  @Get()
  @ApiOperation({ summary: 'Return visits by status or due date' })
  @Roles('service_rep', 'admin', 'compliance_officer', 'agent')
  @ApiZodQuery(ListQuery)
  list(@Query(new ZodValidationPipe(ListQuery)) query: z.output<typeof ListQuery>) {
    return this.visits.list(query);
  }

  @Post(':id/outcome')
  @HttpCode(200)
  @Roles('service_rep', 'admin')
  @ApiOperation({
    summary: 'Record the call: reached, identity confirmed, terms understood, wants to withdraw',
  })
  @ApiZodBody(OutcomeBody)
  complete(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(OutcomeBody)) body: z.output<typeof OutcomeBody>,
  ) {
    return this.visits.complete(id, body, ctx);
  }
}
