import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { SurveyService } from '../application/survey.service';

const AnswerBody = z.strictObject({
  csat: z.number().int().min(1).max(5),
  nps: z.number().int().min(0).max(10),
  comment: z.string().trim().max(2000).optional(),
});
const ListQuery = z.object({ customerId: z.uuid() });

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys')
export class SurveyHttpController {
  constructor(private readonly surveys: SurveyService) {}

  @Get()
  @Roles('customer', 'service_rep', 'analyst', 'admin')
  @ApiOperation({ summary: "A customer's surveys, sent and answered" })
  @ApiZodQuery(ListQuery)
  list(
    @Query(new ZodValidationPipe(ListQuery)) query: z.output<typeof ListQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.surveys.list(query.customerId, principal);
  }

  @Post(':id/answers')
  @Roles('customer', 'service_rep')
  @ApiOperation({ summary: 'Answer a survey: CSAT 1-5 and NPS 0-10' })
  @ApiZodBody(AnswerBody)
  answer(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AnswerBody)) body: z.output<typeof AnswerBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.surveys.answer(id, body, principal, ctx);
  }
}
