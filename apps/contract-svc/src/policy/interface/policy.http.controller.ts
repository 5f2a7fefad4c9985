import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { PartyRelationship } from '@insurer/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { ApiZodBody, ApiZodQuery, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { ConfirmOfferHandler } from '../application/confirm-offer.handler';
import { EndorsePolicyHandler } from '../application/endorse-policy.handler';
import { PolicyQueries } from '../application/policy.queries';
import { ReinstatePolicyHandler } from '../application/reinstate-policy.handler';
import { SendDemandNoticeHandler } from '../application/send-demand-notice.handler';
import { RescindPolicyHandler } from '../application/rescind-policy.handler';
import { SurrenderPolicyHandler } from '../application/surrender-policy.handler';
import { WithdrawPolicyHandler } from '../application/withdraw-policy.handler';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Instant = z.iso.datetime({ offset: true });
const ConfirmBody = z.strictObject({ signedBy: z.uuid(), signedAt: Instant, sha256: Sha256 });
const Beneficiary = z.strictObject({
  name: z.string().min(1),
  relationship: z.string().min(1),
  sharePercent: z.number().positive().max(100),
  customerId: z
    .uuid()
    .optional()
    .describe('The beneficiary as a registered customer, whom claims can recognise'),
});
const EndorsementBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('beneficiary'),
    effectiveDate: z.iso.date(),
    beneficiaries: z.array(Beneficiary),
    changedBy: z
      .enum(['policyholder', 'insured'])
      .optional()
      .describe(
        'Who changes the beneficiaries (Insurance Law Art. 41). A customer changes them as who they are on the policy; staff recording a written notice name whose it is (the policyholder’s if left out)',
      ),
    insuredConsent: z
      .strictObject({ signedAt: Instant, sha256: Sha256 })
      .optional()
      .describe(
        'The insured’s signed consent to the change (its time and the SHA-256 of the signed form): needed when the policyholder changes the beneficiaries of a policy on another person’s life, unless a parent acts for a minor child (Arts. 39, 41)',
      ),
  }),
  z.strictObject({
    kind: z.literal('contact'),
    effectiveDate: z.iso.date(),
    contact: z.strictObject({
      mobile: z
        .string()
        .regex(/^1[3-9]\d{9}$/)
        .optional(),
      address: z.string().min(1).optional(),
      email: z.email().optional(),
    }),
  }),
  z.strictObject({
    kind: z.literal('payment_mode'),
    effectiveDate: z.iso.date(),
    paymentMode: z.enum(['annual', 'semi_annual', 'quarterly', 'monthly']),
  }),
  z.strictObject({
    kind: z.literal('sum_insured_decrease'),
    effectiveDate: z.iso.date(),
    sumInsuredFen: z.number().int().positive(),
  }),
  z.strictObject({
    kind: z.literal('pledge'),
    effectiveDate: z.iso.date(),
    pledgee: z.string().min(1).max(200).describe('Who holds the pledge: the lender, e.g. a bank'),
    reference: z
      .string()
      .min(1)
      .max(100)
      .describe('The pledge’s reference with the pledgee (its contract number)'),
    insuredConsent: z
      .strictObject({ signedAt: Instant, sha256: Sha256 })
      .optional()
      .describe(
        'The insured’s written consent, which a policy paying on death needs to be pledged (Insurance Law Art. 34)',
      ),
  }),
  z.strictObject({
    kind: z.literal('pledge_release'),
    effectiveDate: z.iso.date(),
    reference: z
      .string()
      .min(1)
      .max(100)
      .describe('The reference of the pledge the pledgee released (staff only)'),
  }),
  z.strictObject({
    kind: z.literal('policyholder'),
    effectiveDate: z.iso.date(),
    newPolicyholderId: z
      .uuid()
      .describe(
        'The registered customer who takes the policy over, holding and paying for it: a company, or a person of 18 or over, whose identity customer-svc has verified, as its events have told contract-svc',
      ),
    insuredRelationship: PartyRelationship.describe(
      'How the insured stands to the new policyholder (self when the insured takes the policy over)',
    ),
    newPolicyholderSignature: z
      .strictObject({ signedAt: Instant, sha256: Sha256 })
      .describe(
        'The new policyholder’s signature to the change: its time and the SHA-256 of the signed form',
      ),
    insuredConsent: z
      .strictObject({ signedAt: Instant, sha256: Sha256 })
      .optional()
      .describe(
        'The insured’s written consent: needed for a policy paying on death (Insurance Law Art. 34) and where the new policyholder has no insurable interest in the insured (Art. 31), unless the insured takes the policy over',
      ),
  }),
]);
const ReinstatementBody = z.strictObject({
  arrearsPaidFen: z.number().int().nonnegative(),
  paidAt: Instant,
  method: z.enum(['cash', 'bank_transfer', 'card', 'direct_debit']),
  healthAnswers: z.array(
    z.strictObject({ questionId: z.string().min(1), answer: z.boolean(), details: z.string().optional() }),
  ),
});
const RefundPaymentBody = z.strictObject({ paidAt: Instant, bankReference: z.string().min(1).max(100) });
const RescissionBody = z.strictObject({ learnedOn: z.iso.date(), reason: z.string().min(1).max(2000) });
const ListQuery = z.object({
  policyholderId: z.uuid().optional().describe('Staff: the policies this customer holds'),
  insuredId: z.uuid().optional().describe('Staff: the policies on this customer’s life'),
  status: z.enum(['in_force', 'suspended', 'withdrawn', 'surrendered', 'terminated']).optional(),
});

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PolicyHttpController {
  constructor(
    private readonly queries: PolicyQueries,
    private readonly confirmOffer: ConfirmOfferHandler,
    private readonly endorsePolicy: EndorsePolicyHandler,
    private readonly withdrawPolicy: WithdrawPolicyHandler,
    private readonly surrenderPolicy: SurrenderPolicyHandler,
    private readonly reinstatePolicy: ReinstatePolicyHandler,
    private readonly rescindPolicy: RescindPolicyHandler,
    private readonly sendDemandNotice: SendDemandNoticeHandler,
  ) {}

  @Post('offers/:applicationId/confirmation')
  @HttpCode(200)
  @Roles('customer', 'integrator')
  @ApiOperation({
    summary: 'The applicant confirms the offer with their own e-signature (who, when, SHA-256 of what)',
  })
  @ApiZodBody(ConfirmBody)
  confirm(
    @Correlation() ctx: RequestContext,
    @Param('applicationId', uuidParam) applicationId: string,
    @Body(new ZodValidationPipe(ConfirmBody)) body: z.output<typeof ConfirmBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.confirmOffer.execute(applicationId, body, principal, ctx);
  }

  @Get()
  @ApiOperation({
    summary:
      'Policies: a customer sees those they hold or are insured by; staff filter by customer or insured',
  })
  @Roles('customer', 'agent', 'service_rep', 'underwriter', 'claims_handler', 'compliance_officer', 'admin')
  @ApiZodQuery(ListQuery)
  list(
    @Query(new ZodValidationPipe(ListQuery)) query: z.output<typeof ListQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One policy with its parties, cover, premiums and status' })
  @Roles('customer', 'agent', 'service_rep', 'underwriter', 'claims_handler', 'compliance_officer', 'admin')
  get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.get(id, principal);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Every version of a policy: what changed, when and why' })
  @Roles('customer', 'service_rep', 'underwriter', 'compliance_officer', 'admin')
  versions(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.versions(id, principal);
  }

  @Post(':id/endorsements')
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary:
      'Beneficiary, contact, payment mode, sum insured decrease, a new policyholder, a pledge or its release: a new policy version (the policyholder’s; the insured may change the beneficiaries too; staff record a release)',
  })
  @ApiZodBody(EndorsementBody)
  endorse(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(EndorsementBody)) body: z.output<typeof EndorsementBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.endorsePolicy.execute(id, body, principal, ctx);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({ summary: 'Cooling-off withdrawal: the premium back less at most CNY 10' })
  withdraw(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.withdrawPolicy.execute(id, principal, ctx);
  }

  @Post(':id/surrender')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary: "Surrender after cooling-off: the cash value from the policy's product version, due in 30 days",
  })
  surrender(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.surrenderPolicy.execute(id, principal, ctx);
  }

  @Post(':id/surrender-refund-payment')
  @HttpCode(200)
  @Roles('integrator', 'admin')
  @ApiOperation({
    summary:
      'Record the payment of a surrender’s cash value (Art. 47: within 30 days; later is reported late)',
  })
  @ApiZodBody(RefundPaymentBody)
  refundPaid(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(RefundPaymentBody)) body: z.output<typeof RefundPaymentBody>,
  ) {
    return this.surrenderPolicy.refundPaid(
      id,
      {
        paidAt: new Date(body.paidAt),
        bankReference: body.bankReference,
      },
      ctx,
    );
  }

  @Post(':id/demand-notice')
  @HttpCode(200)
  @Roles('service_rep', 'admin')
  @ApiOperation({
    summary:
      'Demand an overdue premium (催告, Art. 36): cover is suspended 30 days after the notice or 60 after the due date, whichever is first',
  })
  demandNotice(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.sendDemandNotice.execute(id, principal, ctx);
  }

  @Post(':id/reinstatement')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary: 'Reinstate a suspended policy within 2 years: arrears paid, new health declaration',
  })
  @ApiZodBody(ReinstatementBody)
  reinstate(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(ReinstatementBody)) body: z.output<typeof ReinstatementBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.reinstatePolicy.execute(id, body, principal, ctx);
  }

  @Post(':id/rescission')
  @HttpCode(200)
  @Roles('underwriter', 'admin')
  @ApiOperation({
    summary:
      'Rescind for non-disclosure: within 30 days of learning of it and 2 years of formation (Art. 16)',
  })
  @ApiZodBody(RescissionBody)
  rescind(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(RescissionBody)) body: z.output<typeof RescissionBody>,
  ) {
    return this.rescindPolicy.execute(id, body.learnedOn, body.reason, ctx);
  }

  @Get(':id/documents')
  @Roles('customer', 'service_rep', 'underwriter', 'compliance_officer', 'admin')
  @ApiOperation({
    summary: 'Archived documents with their SHA-256, retention and integrity (re-hashed on every read)',
  })
  documents(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.queries.documents(id, principal, ctx);
  }

  @Get(':id/documents/:documentId')
  @ApiOperation({ summary: 'One policy document with its content and SHA-256' })
  @Roles('customer', 'service_rep', 'underwriter', 'compliance_officer', 'admin')
  async document(
    @Param('id', uuidParam) id: string,
    @Param('documentId', uuidParam) documentId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    const doc = await this.queries.document(id, documentId, principal);
    if (!doc) throw new NotFoundException();
    return { documentId: doc.documentId, mediaType: doc.mediaType, sha256: doc.sha256, content: doc.content };
  }
}
