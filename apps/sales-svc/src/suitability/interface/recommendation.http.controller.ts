import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@insurer/contracts';
import { Roles } from '@insurer/platform-auth';
import {
  ApiPreferWait,
  ApiZodBody,
  ZodValidationPipe,
  AnswerLanguage,
  PreferredWait,
} from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { RecommendationService } from '../application/recommendation.service';

const RecommendBody = z.strictObject({ customerId: z.uuid(), salespersonId: z.string().min(1) });

@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('recommendations')
export class RecommendationHttpController {
  constructor(private readonly recommendations: RecommendationService) {}

  @Post()
  @HttpCode(200)
  @Roles('agent', 'admin')
  @ApiOperation({
    summary:
      'Needs analysis: protection gap and products ranked with reasons; excluded ones with why (worded in the language of Accept-Language, with their codes)',
  })
  @ApiZodBody(RecommendBody)
  @ApiPreferWait(
    'sales-svc’s copy of the customer (from customer-svc’s events) lacks their birth date or a risk assessment valid today',
    'the analysis is then made from what it has, as without the header',
  )
  recommend(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(RecommendBody)) body: z.output<typeof RecommendBody>,
    @AnswerLanguage() locale: Locale,
    @PreferredWait() waitMs: number,
  ) {
    return this.recommendations.recommend(body.customerId, body.salespersonId, locale, ctx, waitMs);
  }
}
