import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@insurer/platform-auth';
import { ApiZodQuery, ZodValidationPipe } from '@insurer/platform-http';
import { AuditService } from '../application/audit.service';

const AuditQuery = z.object({
  afterSeq: z.coerce.number().int().min(0).optional(),
  eventType: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

// The operationIds are those the routes had before this controller was split out: clients generated from the
// OpenAPI document name their methods by them.
@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class AuditHttpController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit')
  @Roles('compliance_officer', 'admin')
  @ApiZodQuery(AuditQuery)
  @ApiOperation({
    operationId: 'ComplianceHttpController_auditEntries',
    summary: 'Audit entries by actor, action, subject or period (hash-chained)',
  })
  auditEntries(@Query(new ZodValidationPipe(AuditQuery)) q: z.output<typeof AuditQuery>) {
    return this.audit.entries(q);
  }

  @Get('audit/verify')
  @Roles('compliance_officer', 'admin')
  @ApiOperation({
    operationId: 'ComplianceHttpController_verify',
    summary: 'Walk the hash chain and report the first broken link (edited, deleted or moved entry)',
  })
  verify() {
    return this.audit.verify();
  }
}
