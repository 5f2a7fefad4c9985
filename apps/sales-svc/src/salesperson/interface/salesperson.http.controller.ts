import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@insurer/platform-auth';
import { ApiZodBody, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { PipelineService } from '../application/pipeline.service';
import { DepartSalespersonHandler } from '../application/depart-salesperson.handler';
import { MarkNoticeSentHandler } from '../application/mark-notice-sent.handler';
import { RecordTrainingHandler } from '../application/record-training.handler';
import { RegisterSalespersonHandler } from '../application/register-salesperson.handler';
import { SalespersonQueries } from '../application/salesperson.queries';

const SalespersonId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . -');
const idParam = new ZodValidationPipe(SalespersonId);
const SalespersonBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  grade: z.enum(['G1', 'G2', 'G3']).nullable(),
  licenceNumber: z.string().trim().min(1).max(40).nullable(),
  licenceValidUntil: z.iso.date().nullable(),
  status: z.enum(['active', 'suspended']).optional(),
});
const TrainingBody = z.strictObject({ hours: z.number().positive().max(200), completedOn: z.iso.date() });
const DepartureBody = z.strictObject({ departedOn: z.iso.date() });

@ApiTags('salespeople')
@ApiBearerAuth()
@Controller('salespeople')
export class SalespersonHttpController {
  constructor(
    private readonly salespeople: SalespersonQueries,
    private readonly registerSalesperson: RegisterSalespersonHandler,
    private readonly recordTraining: RecordTrainingHandler,
    private readonly departSalesperson: DepartSalespersonHandler,
    private readonly markNoticeSent: MarkNoticeSentHandler,
    private readonly pipeline: PipelineService,
  ) {}

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Register or update a salesperson: grade, licence, status' })
  @ApiZodBody(SalespersonBody)
  upsert(
    @Correlation() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Body(new ZodValidationPipe(SalespersonBody)) body: z.output<typeof SalespersonBody>,
  ) {
    return this.registerSalesperson.execute({ salespersonId: id, ...body }, ctx);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A salesperson with their licence, training hours and sales authority' })
  @Roles('admin', 'agent', 'compliance_officer')
  async get(@Param('id', idParam) id: string) {
    const person = await this.salespeople.get(id);
    return { ...person, standing: this.salespeople.standing(person) };
  }

  @Post(':id/training')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Add completed training hours (30 a year are required to sell)' })
  @ApiZodBody(TrainingBody)
  training(
    @Correlation() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Body(new ZodValidationPipe(TrainingBody)) body: z.output<typeof TrainingBody>,
  ) {
    return this.recordTraining.execute(id, body.hours, body.completedOn, ctx);
  }

  @Post(':id/departure')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Record a departure; creates 30-day notice tasks for customers of policies over one year',
  })
  @ApiZodBody(DepartureBody)
  depart(
    @Correlation() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Body(new ZodValidationPipe(DepartureBody)) body: z.output<typeof DepartureBody>,
  ) {
    return this.departSalesperson.execute(id, body.departedOn, ctx);
  }

  @Get(':id/departure-notices')
  @ApiOperation({ summary: "The notices owed to a departed salesperson's customers" })
  @Roles('admin', 'service_rep', 'compliance_officer')
  notices(@Param('id', idParam) id: string) {
    return this.salespeople.notices(id);
  }

  @Post(':id/departure-notices/:noticeId/sent')
  @HttpCode(200)
  @Roles('admin', 'service_rep')
  @ApiOperation({ summary: 'Mark a departure notice as sent to the customer' })
  noticeSent(
    @Correlation() ctx: RequestContext,
    @Param('id', idParam) id: string,
    @Param('noticeId', uuidParam) noticeId: string,
  ) {
    return this.markNoticeSent.execute(id, noticeId, ctx);
  }

  @Get(':id/pipeline')
  @Roles('admin', 'agent', 'analyst')
  @ApiOperation({ summary: 'Pipeline counts per stage and quote-to-policy conversion' })
  pipelineSummary(@Param('id', idParam) id: string) {
    return this.pipeline.summary(id);
  }
}
