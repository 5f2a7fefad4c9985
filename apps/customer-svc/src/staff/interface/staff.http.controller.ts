import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe } from '@insurer/platform-http';
import { StaffService } from '../application/staff.service';

const StaffId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . -');
const CreateStaffBody = z.strictObject({
  staffId: StaffId,
  name: z.string().trim().min(1).max(100),
  role: z.enum(['service_rep', 'agent', 'claims_handler', 'underwriter']),
});
const TrainingBody = z.strictObject({
  topic: z.string().trim().min(1).max(200),
  hours: z.number().positive().max(200).multipleOf(0.1),
  completedOn: z.iso.date(),
  assessmentScore: z.number().int().min(0).max(100).optional(),
});
const QualityBody = z.strictObject({
  score: z.number().int().min(0).max(100),
  reviewedOn: z.iso.date(),
  ticketId: z.uuid().optional(),
  notes: z.string().max(2000).optional(),
});
const ReportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const staffParam = new ZodValidationPipe(StaffId);

@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffHttpController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @ApiOperation({ summary: 'Register a member of staff with their role' })
  @Roles('admin')
  @ApiZodBody(CreateStaffBody)
  create(@Body(new ZodValidationPipe(CreateStaffBody)) body: z.output<typeof CreateStaffBody>) {
    return this.staff.create(body);
  }

  @Post(':id/training')
  @Roles('admin')
  @ApiOperation({ summary: 'Record completed training hours' })
  @ApiZodBody(TrainingBody)
  training(
    @Param('id', staffParam) id: string,
    @Body(new ZodValidationPipe(TrainingBody)) body: z.output<typeof TrainingBody>,
  ) {
    return this.staff.recordTraining(id, body);
  }

  @Post(':id/quality-reviews')
  @Roles('admin')
  @ApiOperation({ summary: 'Record a quality score (0-100) for a member of staff' })
  @ApiZodBody(QualityBody)
  quality(
    @Param('id', staffParam) id: string,
    @Body(new ZodValidationPipe(QualityBody)) body: z.output<typeof QualityBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.staff.recordQuality(id, body, principal.sub);
  }

  @Get('training-report')
  @Roles('admin', 'analyst', 'compliance_officer')
  @ApiOperation({ summary: 'Hours and quality per member for a year; under 30 hours is flagged' })
  @ApiZodQuery(ReportQuery)
  report(@Query(new ZodValidationPipe(ReportQuery)) query: z.output<typeof ReportQuery>) {
    return this.staff.trainingReport(query.year);
  }
}
