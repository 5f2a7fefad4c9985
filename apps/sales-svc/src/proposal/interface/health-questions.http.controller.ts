import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Locale } from '@insurer/contracts';
import { Roles } from '@insurer/platform-auth';
import { AnswerLanguage } from '@insurer/platform-http';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { ProductService } from '../../product/application/product.service';
import { codeParam } from '../../product/interface/product.http.controller';
import { healthQuestionsFor } from '../domain/application-rules';

/**
 * The health questions an application for a product must answer, each by its id (`healthAnswers`), worded for the
 * applicant: served with the products, asked by the proposal, whose rules they are.
 */
@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class HealthQuestionsHttpController {
  constructor(
    private readonly products: ProductService,
    private readonly clock: Clock,
  ) {}

  @Get(':code/health-questions')
  @Roles('agent', 'admin', 'integrator')
  @ApiOperation({
    summary:
      'The health questions an application for the product on sale today must answer (Insurance Law Art. 16), in the language of Accept-Language',
  })
  async healthQuestions(@Param('code', codeParam) code: string, @AnswerLanguage() locale: Locale) {
    const product = await this.products.current(code, shanghaiDate(this.clock.now()));
    return healthQuestionsFor(product.terms.type).map((q) => ({ id: q.id, text: q.text[locale] }));
  }
}
