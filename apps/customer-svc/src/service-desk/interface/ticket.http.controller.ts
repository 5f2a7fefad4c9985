import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { AddTicketNoteHandler } from '../application/add-ticket-note.handler';
import { AssignTicketHandler } from '../application/assign-ticket.handler';
import { ExtendComplaintHandler } from '../application/extend-complaint.handler';
import { OpenTicketHandler } from '../application/open-ticket.handler';
import { ResolveTicketHandler } from '../application/resolve-ticket.handler';
import { TicketQueries } from '../application/ticket.queries';

const OpenTicketBody = z.strictObject({
  customerId: z.uuid(),
  kind: z.enum(['inquiry', 'change_request', 'complaint']),
  category: z.string().trim().min(1).max(60),
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(10_000),
  policyId: z.uuid().optional(),
  salespersonId: z.string().min(1).optional(),
});
const AssignBody = z.strictObject({ assignee: z.string().trim().min(1) });
const ExtendBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const ResolveBody = z.strictObject({ resolution: z.string().trim().min(1).max(10_000) });
const NoteBody = z.strictObject({
  kind: z.enum(['comment', 'feedback', 'improvement']),
  text: z.string().trim().min(1).max(10_000),
});
const ListQuery = z.object({
  customerId: z.uuid().optional(),
  status: z.enum(['open', 'assigned', 'resolved', 'closed']).optional(),
  assignee: z.string().min(1).optional(),
  kind: z.enum(['inquiry', 'change_request', 'complaint']).optional(),
});

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketHttpController {
  constructor(
    private readonly tickets: TicketQueries,
    private readonly openTicket: OpenTicketHandler,
    private readonly assignTicket: AssignTicketHandler,
    private readonly extendComplaint: ExtendComplaintHandler,
    private readonly resolveTicket: ResolveTicketHandler,
    private readonly addTicketNote: AddTicketNoteHandler,
  ) {}

  @Post()
  @Roles('customer', 'agent', 'service_rep', 'admin')
  @ApiOperation({ summary: 'Open an inquiry, change request or complaint (a complaint is due in 15 days)' })
  @ApiZodBody(OpenTicketBody)
  open(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(OpenTicketBody)) body: z.output<typeof OpenTicketBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.openTicket.execute(body, principal, ctx);
  }

  @Get()
  @Roles('service_rep', 'compliance_officer', 'admin')
  @ApiOperation({ summary: 'Tickets by customer, status, assignee or kind' })
  @ApiZodQuery(ListQuery)
  list(@Query(new ZodValidationPipe(ListQuery)) query: z.output<typeof ListQuery>) {
    return this.tickets.list(query);
  }

  @Get(':id')
  @Roles('customer', 'service_rep', 'compliance_officer', 'admin')
  @ApiOperation({ summary: 'A ticket with its notes' })
  get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.tickets.get(id, principal);
  }

  @Post(':id/assignment')
  @ApiOperation({ summary: 'Assign a ticket to a service representative' })
  @HttpCode(200)
  @Roles('service_rep', 'admin')
  @ApiZodBody(AssignBody)
  assign(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AssignBody)) body: z.output<typeof AssignBody>,
  ) {
    return this.assignTicket.execute(id, body.assignee, ctx);
  }

  @Post(':id/extension')
  @HttpCode(200)
  @Roles('service_rep', 'admin')
  @ApiOperation({ summary: 'Extend a complaint to 30 days, then (a manager only) a further 30' })
  @ApiZodBody(ExtendBody)
  extend(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(ExtendBody)) body: z.output<typeof ExtendBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.extendComplaint.execute(id, body.reason, principal, ctx);
  }

  @Post(':id/resolution')
  @ApiOperation({ summary: 'Resolve a ticket with its outcome' })
  @HttpCode(200)
  @Roles('service_rep', 'admin')
  @ApiZodBody(ResolveBody)
  resolve(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(ResolveBody)) body: z.output<typeof ResolveBody>,
  ) {
    return this.resolveTicket.execute(id, body.resolution, ctx);
  }

  @Post(':id/notes')
  @Roles('service_rep', 'admin')
  @ApiOperation({ summary: 'Add a comment, customer feedback or an improvement note' })
  @ApiZodBody(NoteBody)
  note(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(NoteBody)) body: z.output<typeof NoteBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.addTicketNote.execute(id, body.kind, body.text, principal.sub, ctx);
  }
}
