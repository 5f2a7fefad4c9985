import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { Customer360Service } from '../application/customer-360.service';
import { uuidParam } from '@insurer/platform-http';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class Customer360HttpController {
  constructor(private readonly portfolio: Customer360Service) {}

  @Get(':id/360')
  @Roles('agent', 'service_rep', 'admin')
  @ApiOperation({ summary: "The customer's service profile, policies, claims, tickets and surveys" })
  view360(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.portfolio.view(id, principal, ctx);
  }
}
