import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { ConsentService } from '../application/consent.service';
import { CustomerIdQuery, GrantConsentBody } from './customer.dto';

@ApiTags('consents')
@ApiBearerAuth()
@Controller('consents')
export class ConsentHttpController {
  constructor(private readonly consents: ConsentService) {}

  @Post()
  @Roles('customer', 'agent', 'service_rep', 'admin')
  @ApiOperation({ summary: 'Record consent for a purpose under a notice version' })
  @ApiZodBody(GrantConsentBody)
  grant(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(GrantConsentBody)) body: z.output<typeof GrantConsentBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.consents.grant(body, principal, ctx);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({ summary: 'Withdraw a consent; it takes effect at once and is announced' })
  withdraw(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.consents.withdraw(id, principal, ctx);
  }

  @Get()
  @Roles('customer', 'agent', 'service_rep', 'compliance_officer', 'admin')
  @ApiOperation({ summary: "A customer's consents, active and withdrawn" })
  @ApiZodQuery(CustomerIdQuery)
  list(
    @Query(new ZodValidationPipe(CustomerIdQuery)) query: z.output<typeof CustomerIdQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.consents.list(query.customerId, principal);
  }
}
