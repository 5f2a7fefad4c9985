import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@insurer/platform-auth';
import { ApiZodQuery, ZodValidationPipe } from '@insurer/platform-http';
import { ReportsService } from '../application/reports.service';

const Period = z.object({ from: z.iso.date(), to: z.iso.date() });

// The operationIds are those the routes had before this controller was split out: clients generated from the
// OpenAPI document name their methods by them.
@ApiTags('compliance')
@ApiBearerAuth()
@Controller()
export class ReportsHttpController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/aml')
  @Roles('compliance_officer', 'admin', 'analyst')
  @ApiOperation({ operationId: 'ComplianceHttpController_aml', summary: 'Large-value and suspicious transactions for a period (CSV at /reports/aml.csv)' })
  @ApiZodQuery(Period)
  async aml(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return { from: q.from, to: q.to, transactions: await this.reports.amlTransactions(q.from, q.to) };
  }

  @Get('reports/aml.csv')
  @Roles('compliance_officer', 'admin', 'analyst')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiZodQuery(Period)
  @ApiOperation({ operationId: 'ComplianceHttpController_amlCsv', summary: 'The AML report of a period as CSV' })
  async amlCsv(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.reports.toCsv(await this.reports.amlTransactions(q.from, q.to));
  }

  @Get('reports/summary')
  @Roles('compliance_officer', 'admin', 'analyst')
  @ApiOperation({ operationId: 'ComplianceHttpController_summary', summary: 'Alerts by rule, time to close and open cases by age, for a period' })
  @ApiZodQuery(Period)
  summary(@Query(new ZodValidationPipe(Period)) q: z.output<typeof Period>) {
    return this.reports.summary(q.from, q.to);
  }
}
