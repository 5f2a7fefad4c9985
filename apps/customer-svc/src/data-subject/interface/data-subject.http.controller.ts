import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { DataSubjectService, LEGAL_BASES } from '../application/data-subject.service';

const RetainedReadBody = z.strictObject({
  legalBasis: z.enum(LEGAL_BASES),
  /** The case, inspection or claim the read is for: recorded with the access. */
  reference: z.string().trim().min(3).max(120),
});

/** The data subject's rights over everything the service holds (PIPL Art. 45, 47): export and erasure. */
// The operationIds are those the routes had before this controller was split out: clients generated from the
// OpenAPI document name their methods by them.
@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class DataSubjectHttpController {
  constructor(private readonly dataSubject: DataSubjectService) {}

  @Get(':id/export')
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    operationId: 'CustomerHttpController_export',
    summary: 'Everything held about the customer, in clear (PIPL Art. 45); the export is recorded',
  })
  export(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.dataSubject.export(id, principal, ctx);
  }

  @Delete(':id')
  @Roles('customer', 'admin')
  @ApiOperation({
    operationId: 'CustomerHttpController_erase',
    summary:
      'Erase the customer: shredded at once, or restricted (stored, not processed) until the retention the law requires ends',
  })
  erase(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.dataSubject.erase(id, principal, ctx);
  }

  @Post(':id/retained-record-reads')
  @HttpCode(200)
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    summary: "Read a restricted customer's records for a legal purpose; the basis and reference are recorded",
  })
  @ApiZodBody(RetainedReadBody)
  readRetained(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(RetainedReadBody)) body: z.output<typeof RetainedReadBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.dataSubject.readRetained(id, principal, body, ctx);
  }
}
