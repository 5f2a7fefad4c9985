import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { PolicyLoanHandler } from '../application/policy-loan.handler';

const AmountBody = z.strictObject({ amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PolicyLoanHttpController {
  constructor(private readonly loans: PolicyLoanHandler) {}

  @Get(':id/loan')
  @Roles('customer', 'service_rep', 'compliance_officer', 'admin')
  @ApiOperation({
    summary:
      'The policy loan position: cash value today, what is owed, what may still be borrowed (保单贷款)',
  })
  position(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.loans.position(id, principal);
  }

  @Post(':id/loans')
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary:
      "Borrow against the cash value, up to the product's share of it less what is owed; anything owed is carried into the new loan",
  })
  @ApiZodBody(AmountBody)
  borrow(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AmountBody)) body: z.output<typeof AmountBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.loans.borrow(id, body.amountFen, principal, ctx);
  }

  @Post(':id/loan-repayments')
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({ summary: 'Repay a policy loan in part or in full: interest first, then principal' })
  @ApiZodBody(AmountBody)
  repay(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AmountBody)) body: z.output<typeof AmountBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.loans.repay(id, body.amountFen, principal, ctx);
  }
}
