import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe } from '@insurer/platform-http';
import { KPI_NAMES } from '../../kpi/domain/kpis';
import { ImprovementService } from '../application/improvement.service';

const ActionBody = z.strictObject({
  kpi: z.enum(KPI_NAMES),
  title: z.string().min(1).max(200),
  baseline: z.number(),
  target: z.number(),
  owner: z.string().min(1),
  dueOn: z.iso.date(),
});
const READERS = ['analyst', 'admin', 'compliance_officer'] as const;

// The operationIds are those the routes had before this controller was split out: clients generated from the
// OpenAPI document name their methods by them.
@ApiTags('kpis')
@ApiBearerAuth()
@Controller()
export class ImprovementHttpController {
  constructor(private readonly actions: ImprovementService) {}

  @Get('improvement-actions')
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'KpiHttpController_listActions',
    summary: 'Improvement actions with the live KPI value (last 30 days), progress and overdue flag',
  })
  listActions() {
    return this.actions.list();
  }

  @Post('improvement-actions')
  @Roles('analyst', 'admin')
  @ApiZodBody(ActionBody)
  @ApiOperation({
    operationId: 'KpiHttpController_createAction',
    summary:
      "Record an improvement action on a KPI: baseline and target within the KPI's range, due today or later",
  })
  createAction(
    @Body(new ZodValidationPipe(ActionBody)) body: z.output<typeof ActionBody>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.actions.create(body, p.sub);
  }
}
