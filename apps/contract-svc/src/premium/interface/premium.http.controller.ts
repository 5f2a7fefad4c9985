import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { PayFirstPremiumHandler } from '../../policy/application/pay-first-premium.handler';
import { PayPremiumHandler } from '../application/pay-premium.handler';
import { PremiumQueries } from '../application/premium.queries';

const Payment = {
  amountFen: z.number().int().positive(),
  paidAt: z.iso.datetime({ offset: true }),
  method: z.enum(['cash', 'bank_transfer', 'card', 'direct_debit']),
  payerId: z.uuid(),
  payerType: z.enum(['individual', 'corporate']),
  /** Paid in another currency than CNY: its ISO 4217 code and amount in minor units (`amountFen` is the CNY booked). */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
    .refine((c) => c !== 'CNY', {
      message: 'omit currency for CNY',
      params: { code: 'REQUEST.CNY_CURRENCY' },
    })
    .optional(),
  currencyAmountMinor: z.number().int().positive().optional(),
};
const bothOrNeither = (b: { currency?: string; currencyAmountMinor?: number }, ctx: z.RefinementCtx) => {
  if ((b.currency === undefined) !== (b.currencyAmountMinor === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [b.currency === undefined ? 'currency' : 'currencyAmountMinor'],
      message: 'currency and currencyAmountMinor go together',
      params: { code: 'REQUEST.CURRENCY_PAIR' },
    });
};
const FirstPremiumBody = z.strictObject({ applicationId: z.uuid(), ...Payment }).superRefine(bothOrNeither);
const RenewalBody = z.strictObject({ policyId: z.uuid(), ...Payment }).superRefine(bothOrNeither);

/**
 * Premiums are reported by the payment platform (role `integrator`) or finance (`admin`), never by sales roles: a
 * salesperson does not handle customer money (NFRA Order 2023 No. 2).
 */
@ApiTags('premiums')
@ApiBearerAuth()
@Controller('premiums')
export class PremiumHttpController {
  constructor(
    private readonly payFirstPremium: PayFirstPremiumHandler,
    private readonly payPremium: PayPremiumHandler,
    private readonly queries: PremiumQueries,
  ) {}

  @Post('first')
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary: 'The first premium of an accepted offer; with the confirmation in, the policy is issued',
  })
  @ApiZodBody(FirstPremiumBody)
  first(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(FirstPremiumBody)) body: z.output<typeof FirstPremiumBody>,
  ) {
    const { applicationId, ...payment } = body;
    return this.payFirstPremium.execute(applicationId, payment, ctx);
  }

  @Post()
  @Roles('integrator', 'admin')
  @ApiOperation({ summary: 'A renewal premium: exactly the instalment due' })
  @ApiZodBody(RenewalBody)
  renewal(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(RenewalBody)) body: z.output<typeof RenewalBody>,
  ) {
    return this.payPremium.execute(body, ctx);
  }

  @Get('policies/:policyId')
  @ApiOperation({ summary: "A policy's premium payments" })
  @Roles('service_rep', 'admin', 'compliance_officer')
  payments(@Param('policyId', uuidParam) policyId: string) {
    return this.queries.payments(policyId);
  }
}
