import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { isStaff, CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import { AppError, ApiZodBody, ApiZodQuery, ZodValidationPipe, uuidParam } from '@insurer/platform-http';
import { ArchiveService } from '../../archive/application/archive.service';
import { IssuanceService } from '../application/issuance.service';
import { PolicyService } from '../application/policy.service';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Instant = z.iso.datetime({ offset: true });
const ConfirmBody = z.strictObject({ signedBy: z.uuid(), signedAt: Instant, sha256: Sha256 });
const Beneficiary = z.strictObject({
  name: z.string().min(1),
  relationship: z.string().min(1),
  sharePercent: z.number().positive().max(100),
});
const EndorsementBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('beneficiary'),
    effectiveDate: z.iso.date(),
    beneficiaries: z.array(Beneficiary),
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
]);
const ReinstatementBody = z.strictObject({
  arrearsPaidFen: z.number().int().nonnegative(),
  paidAt: Instant,
  method: z.enum(['cash', 'bank_transfer', 'card', 'direct_debit']),
  healthAnswers: z.array(
    z.strictObject({ questionId: z.string().min(1), answer: z.boolean(), details: z.string().optional() }),
  ),
});
const RescissionBody = z.strictObject({ learnedOn: z.iso.date(), reason: z.string().min(1).max(2000) });
const ListQuery = z.object({
  policyholderId: z.uuid().optional(),
  status: z.enum(['in_force', 'suspended', 'withdrawn', 'surrendered', 'terminated']).optional(),
});

/** A customer may act only on their own policies; staff roles are checked per route. */
function assertOwnPolicy(principal: Principal, policyholderId: string): void {
  const staff = isStaff(principal);
  if (!staff && principal.customerId !== policyholderId) {
    throw new AppError('POLICY.NOT_YOURS', 'forbidden', 'a customer may act only on their own policies');
  }
}

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PolicyHttpController {
  constructor(
    private readonly policies: PolicyService,
    private readonly issuance: IssuanceService,
    private readonly archive: ArchiveService,
  ) {}

  @Post('offers/:applicationId/confirmation')
  @HttpCode(200)
  @Roles('customer', 'integrator')
  @ApiOperation({
    summary: 'The applicant confirms the offer with their own e-signature (who, when, SHA-256 of what)',
  })
  @ApiZodBody(ConfirmBody)
  confirm(
    @Param('applicationId', uuidParam) applicationId: string,
    @Body(new ZodValidationPipe(ConfirmBody)) body: z.output<typeof ConfirmBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertOwnPolicy(principal, body.signedBy);
    return this.issuance.confirm(applicationId, body);
  }

  @Get()
  @Roles('customer', 'agent', 'service_rep', 'underwriter', 'claims_handler', 'compliance_officer', 'admin')
  @ApiZodQuery(ListQuery)
  list(
    @Query(new ZodValidationPipe(ListQuery)) query: z.output<typeof ListQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (!isStaff(principal)) {
      return this.policies.list({
        ...query,
        policyholderId: principal.customerId ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    return this.policies.list(query);
  }

  @Get(':id')
  @Roles('customer', 'agent', 'service_rep', 'underwriter', 'claims_handler', 'compliance_officer', 'admin')
  async get(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    const policy = await this.policies.get(id);
    assertOwnPolicy(principal, policy.policyholderId);
    return policy;
  }

  @Get(':id/versions')
  @Roles('customer', 'service_rep', 'underwriter', 'compliance_officer', 'admin')
  async versions(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    return this.policies.versions(id);
  }

  @Post(':id/endorsements')
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary: 'Beneficiary, contact, payment mode or sum insured decrease: a new policy version',
  })
  @ApiZodBody(EndorsementBody)
  async endorse(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(EndorsementBody)) body: z.output<typeof EndorsementBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    return this.policies.endorse(id, body, principal.sub);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({ summary: 'Cooling-off withdrawal: the premium back less at most CNY 10' })
  async withdraw(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    return this.policies.withdraw(id);
  }

  @Post(':id/surrender')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary: "Surrender after cooling-off: the cash value from the policy's product version, due in 30 days",
  })
  async surrender(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    return this.policies.surrender(id);
  }

  @Post(':id/reinstatement')
  @HttpCode(200)
  @Roles('customer', 'service_rep', 'admin')
  @ApiOperation({
    summary: 'Reinstate a suspended policy within 2 years: arrears paid, new health declaration',
  })
  @ApiZodBody(ReinstatementBody)
  async reinstate(
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(ReinstatementBody)) body: z.output<typeof ReinstatementBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    return this.policies.reinstate(id, body);
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
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(RescissionBody)) body: z.output<typeof RescissionBody>,
  ) {
    return this.policies.rescind(id, body.learnedOn, body.reason);
  }

  @Get(':id/documents')
  @Roles('customer', 'service_rep', 'underwriter', 'compliance_officer', 'admin')
  @ApiOperation({
    summary: 'Archived documents with their SHA-256, retention and integrity (re-hashed on every read)',
  })
  async documents(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    return this.archive.documents(id);
  }

  @Get(':id/documents/:documentId')
  @Roles('customer', 'service_rep', 'underwriter', 'compliance_officer', 'admin')
  async document(
    @Param('id', uuidParam) id: string,
    @Param('documentId', uuidParam) documentId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    assertOwnPolicy(principal, (await this.policies.get(id)).policyholderId);
    const doc = await this.archive.content(id, documentId);
    if (!doc) throw new NotFoundException();
    return { documentId: doc.documentId, mediaType: doc.mediaType, sha256: doc.sha256, content: doc.content };
  }
}
