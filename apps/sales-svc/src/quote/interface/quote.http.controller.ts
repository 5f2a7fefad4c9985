import { Body, Controller, Get, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { InsuredConsent, PartyRelationship } from '@insurer/contracts';
import { Roles } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, parseOrThrow, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { IssueQuoteHandler } from '../application/issue-quote.handler';
import { QuoteQueries } from '../application/quote.queries';

export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, '8-200 visible ASCII characters')
  .optional();

const QuoteBody = z
  .strictObject({
    customerId: z.uuid().describe('The policyholder (投保人): the buyer, whom suitability reads'),
    insuredId: z
      .uuid()
      .optional()
      .describe('The insured (被保险人), whom rating and underwriting read; absent: the policyholder'),
    insuredRelationship: PartyRelationship.optional().describe(
      'How the insured stands to the policyholder (child: the insured is their child); required for another insured',
    ),
    insuredConsent: InsuredConsent.strict()
      .optional()
      .describe(
        'The insured’s signed consent: needed for death cover on another adult (Art. 34) and without another interest (Art. 31)',
      ),
    productCode: z.string().min(1),
    sumInsuredFen: z.number().int().positive().optional(),
    premiumFen: z.number().int().positive().optional(),
    paymentMode: z.enum(['single', 'annual', 'semi_annual', 'quarterly', 'monthly']),
    paymentTermYears: z.number().int().min(1),
    coverageTermYears: z.number().int().min(1),
    salespersonId: z.string().min(1),
    channel: z.enum(['agent', 'bank', 'telesales', 'online', 'broker']),
    acknowledgement: z
      .strictObject({
        signedBy: z.uuid(),
        signedAt: z.iso.datetime({ offset: true }),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      })
      .optional(),
  })
  .refine((b) => (b.sumInsuredFen === undefined) !== (b.premiumFen === undefined), {
    message: 'give either sumInsuredFen or premiumFen',
    params: { code: 'REQUEST.SUM_OR_PREMIUM' },
    path: ['sumInsuredFen'],
  })
  .refine((b) => b.insuredId === undefined || b.insuredId === b.customerId || b.insuredRelationship, {
    message: 'name how the insured stands to the policyholder',
    params: { code: 'REQUEST.INSURED_RELATIONSHIP' },
    path: ['insuredRelationship'],
  });

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuoteHttpController {
  constructor(
    private readonly issueQuote: IssueQuoteHandler,
    private readonly quotes: QuoteQueries,
  ) {}

  @Post()
  @Roles('agent', 'integrator')
  @ApiOperation({
    summary: 'Quote from the sum insured or from the premium; valid 30 days; every refusal names its rule',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key returns the first quote',
  })
  @ApiZodBody(QuoteBody)
  async create(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(QuoteBody)) body: z.output<typeof QuoteBody>,
    @Headers('idempotency-key') rawKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const key = parseOrThrow(IdempotencyKey, rawKey);
    const result = await this.issueQuote.execute(body, ctx, key);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One quote with its premium, parties and validity' })
  @Roles('agent', 'integrator', 'admin', 'compliance_officer')
  get(@Param('id', uuidParam) id: string) {
    return this.quotes.get(id);
  }
}
