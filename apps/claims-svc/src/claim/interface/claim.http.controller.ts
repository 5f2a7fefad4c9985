import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ReportClaimV1, SubmitClaimDocumentsV1, type Locale } from '@insurer/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import {
  ApiZodBody,
  ApiZodQuery,
  ZodValidationPipe,
  AnswerLanguage,
  uuidParam,
} from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { AssessClaimHandler } from '../application/assess-claim.handler';
import { ClaimQueries } from '../application/claim.queries';
import { ConfirmPaymentHandler } from '../application/confirm-payment.handler';
import { DecideClaimHandler } from '../application/decide-claim.handler';
import { PayAdvanceHandler } from '../application/pay-advance.handler';
import { ReopenClaimHandler } from '../application/reopen-claim.handler';
import { ReportClaimHandler } from '../application/report-claim.handler';
import { SendRejectionNoticeHandler } from '../application/send-rejection-notice.handler';
import { SubmitDocumentsHandler } from '../application/submit-documents.handler';

/** The REST bodies are the claim administrators' command payloads: one contract for both ways in. */
const ReportBody = ReportClaimV1.payload.strict();
const DocumentsBody = SubmitClaimDocumentsV1.payload.omit({ claimId: true }).strict();
const Reason = z.strictObject({ code: z.string().min(1), message: z.string().min(1) });
const DecisionBody = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('approve'),
    approvedFen: z.number().int().positive().optional(),
    reasons: z.array(Reason).default([]),
  }),
  z.strictObject({
    decision: z.literal('reject'),
    reasons: z.array(Reason).min(1, 'a rejection gives its reasons'),
  }),
]);
const PaymentBody = z.strictObject({
  paidAt: z.iso.datetime({ offset: true }),
  bankReference: z.string().min(1).max(100),
});
const AdvanceBody = z.strictObject({ amountFen: z.number().int().positive() });
const ReopenBody = z.strictObject({ reason: z.string().min(1).max(2000) });
const ListQuery = z.object({
  policyId: z.uuid().optional(),
  status: z
    .enum([
      'documents_requested',
      'documents_complete',
      'assessed',
      'investigation',
      'approved',
      'rejected',
      'paid',
    ])
    .optional(),
});
const HANDLERS = ['claims_handler', 'claims_manager', 'admin'] as const;

@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimHttpController {
  constructor(
    private readonly queries: ClaimQueries,
    private readonly reportClaim: ReportClaimHandler,
    private readonly submitDocuments: SubmitDocumentsHandler,
    private readonly assessClaim: AssessClaimHandler,
    private readonly decideClaim: DecideClaimHandler,
    private readonly sendRejectionNotice: SendRejectionNoticeHandler,
    private readonly confirmPayment: ConfirmPaymentHandler,
    private readonly payAdvance: PayAdvanceHandler,
    private readonly reopenClaim: ReopenClaimHandler,
  ) {}

  @Post()
  @Roles('customer', 'claims_handler', 'integrator', 'service_rep')
  @ApiOperation({
    summary:
      'First notice of a claim; refused with reasons when not in force, waiting period, not covered or time-barred',
  })
  @ApiZodBody(ReportBody)
  report(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(ReportBody)) body: z.output<typeof ReportBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.reportClaim.execute(body, principal, ctx);
  }

  @Get()
  @Roles('customer', ...HANDLERS, 'compliance_officer')
  @ApiOperation({ summary: 'Claims: a customer sees only their own' })
  @ApiZodQuery(ListQuery)
  list(
    @Query(new ZodValidationPipe(ListQuery)) query: z.output<typeof ListQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A claim with its documents, assessment, decision and payment (customers: their own)',
  })
  @Roles('customer', ...HANDLERS, 'compliance_officer', 'service_rep')
  get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(id, principal);
  }

  @Post(':id/documents')
  @HttpCode(200)
  @Roles('customer', 'claims_handler', 'integrator')
  @ApiOperation({
    summary: 'Submit documents with their SHA-256; complete documents start the 30-day decision timer',
  })
  @ApiZodBody(DocumentsBody)
  documents(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(DocumentsBody)) body: z.output<typeof DocumentsBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.submitDocuments.execute(id, body.documents, principal, ctx);
  }

  @Post(':id/assessment')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiOperation({ summary: 'Compute the payable amount step by step and the fraud score with its reasons' })
  assess(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.assessClaim.execute(id, principal.sub, ctx);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiOperation({ summary: 'Approve within your authority (not your own assessment) or reject with reasons' })
  @ApiZodBody(DecisionBody)
  decide(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(DecisionBody)) body: z.output<typeof DecisionBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.decideClaim.execute(id, principal, body, ctx);
  }

  @Post(':id/rejection-notice')
  @HttpCode(200)
  @Roles(...HANDLERS)
  @ApiOperation({ summary: 'Send the rejection notice with reasons (due within 3 days of the decision)' })
  notice(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.sendRejectionNotice.execute(id, principal.sub, ctx);
  }

  @Post(':id/payment')
  @HttpCode(200)
  @Roles('claims_manager', 'admin', 'integrator')
  @ApiOperation({ summary: 'Confirm the payment of an approved claim (due within 10 days of approval)' })
  @ApiZodBody(PaymentBody)
  pay(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(PaymentBody)) body: z.output<typeof PaymentBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.confirmPayment.execute(id, principal.sub, body, ctx);
  }

  @Post(':id/advance-payment')
  @HttpCode(200)
  @Roles('claims_manager', 'admin')
  @ApiOperation({ summary: 'Pay the determinable part ahead when the amount is still open (Art. 25)' })
  @ApiZodBody(AdvanceBody)
  advance(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(AdvanceBody)) body: z.output<typeof AdvanceBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.payAdvance.execute(id, principal.sub, body.amountFen, ctx);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Roles('claims_manager', 'admin')
  @ApiOperation({ summary: 'Reopen a decided claim on appeal or new documents' })
  @ApiZodBody(ReopenBody)
  reopen(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(ReopenBody)) body: z.output<typeof ReopenBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.reopenClaim.execute(id, principal.sub, body.reason, ctx);
  }

  @Get(':id/notice')
  @Roles('customer', ...HANDLERS, 'service_rep')
  @ApiOperation({
    summary:
      'The notice the claimant has now (missing documents, Art. 22; rejection with reasons, Art. 24), in the language of Accept-Language',
  })
  async currentNotice(
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
    @AnswerLanguage() locale: Locale,
  ) {
    return this.queries.notice(id, principal, locale);
  }

  @Get(':id/timeline')
  @Roles('customer', ...HANDLERS, 'compliance_officer')
  @ApiOperation({ summary: 'History and statutory timers, with the late-payment exposure accrued so far' })
  timeline(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.timeline(id, principal);
  }
}
