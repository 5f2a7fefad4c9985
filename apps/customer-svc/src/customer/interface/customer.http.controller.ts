import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Locale } from '@insurer/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@insurer/platform-auth';
import {
  AnswerLanguage,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ZodValidationPipe,
  uuidParam,
} from '@insurer/platform-http';
import { Correlation, type RequestContext } from '@insurer/platform-observability';
import { ConsentService } from '../application/consent.service';
import { CorrectCustomerHandler } from '../application/correct-customer.handler';
import { CustomerQueries } from '../application/customer.queries';
import { RegisterCustomerHandler } from '../application/register-customer.handler';
import { IdentityVerificationService } from '../application/identity-verification.service';
import { RiskAssessmentService } from '../application/risk-assessment.service';
import type { ProfileField } from '../domain/field-catalogue';
import { RISK_QUESTIONNAIRE } from '../domain/risk-tolerance';
import {
  ConfirmVerificationBody,
  HealthDeclarationBody,
  HealthReadQuery,
  LookupBody,
  LookupQuery,
  ReadCustomerQuery,
  RegisterCustomerBody,
  RiskAssessmentBody,
  StartVerificationBody,
  UpdateCustomerBody,
} from './customer.dto';

/** Rate limits on one-time codes count per customer (the path's id), whoever calls. */
const perCustomer = (request: FastifyRequest) => `customer:${(request.params as { id?: string }).id ?? ''}`;

/** The day the lookup by query string was deprecated, as RFC 9745 writes it (seconds since the epoch). */
const LOOKUP_BY_QUERY_DEPRECATED = `@${Date.UTC(2026, 11, 2) / 1000}`;

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomerHttpController {
  constructor(
    private readonly customers: CustomerQueries,
    private readonly registerCustomer: RegisterCustomerHandler,
    private readonly correctCustomer: CorrectCustomerHandler,
    private readonly verification: IdentityVerificationService,
    private readonly assessments: RiskAssessmentService,
    private readonly consents: ConsentService,
  ) {}

  @Post()
  @Roles('agent', 'service_rep', 'admin', 'integrator')
  @ApiOperation({ summary: 'Register a customer with the fields one declared purpose needs' })
  @ApiZodBody(RegisterCustomerBody)
  register(
    @Correlation() ctx: RequestContext,
    @Body(new ZodValidationPipe(RegisterCustomerBody)) body: z.output<typeof RegisterCustomerBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { purpose, channel, agentId, ...profile } = body;
    return this.registerCustomer.execute({ purpose, channel, agentId, profile }, principal.sub, ctx);
  }

  @Post('lookup')
  @HttpCode(200)
  @Roles('agent', 'service_rep', 'underwriter', 'claims_handler', 'compliance_officer', 'admin')
  @ApiOperation({
    summary:
      'Find customers by ID number (through the blind index); in the body, so the number stays out of URLs and access logs',
  })
  @ApiZodBody(LookupBody)
  async lookupByBody(@Body(new ZodValidationPipe(LookupBody)) body: z.output<typeof LookupBody>) {
    return { customerIds: await this.customers.findByIdNumber(body.idType, body.idNumber) };
  }

  @Get()
  @Roles('agent', 'service_rep', 'underwriter', 'claims_handler', 'compliance_officer', 'admin')
  @ApiOperation({
    summary: 'Deprecated: use POST /customers/lookup, which keeps the ID number out of the URL',
    deprecated: true,
  })
  @ApiZodQuery(LookupQuery)
  async lookup(
    @Query(new ZodValidationPipe(LookupQuery)) query: z.output<typeof LookupQuery>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // RFC 9745 (Deprecation, as the date it took effect) and RFC 8288 (the successor).
    void reply.header('deprecation', LOOKUP_BY_QUERY_DEPRECATED);
    void reply.header('link', '</customers/lookup>; rel="successor-version"');
    return { customerIds: await this.customers.findByIdNumber(query.idType, query.idNumber) };
  }

  @Get('risk-questionnaire')
  @ApiOperation({
    summary:
      'The risk-tolerance questionnaire: each question and its options (answered by index) in the language of Accept-Language',
  })
  questionnaire(@AnswerLanguage() locale: Locale) {
    return RISK_QUESTIONNAIRE.map((q) => ({
      id: q.id,
      text: q.text[locale],
      options: q.options.length,
      choices: q.options.map((o) => o.label[locale]),
    }));
  }

  @Get(':id')
  @Roles(
    'customer',
    'agent',
    'service_rep',
    'underwriter',
    'claims_handler',
    'claims_manager',
    'compliance_officer',
    'admin',
  )
  @ApiOperation({ summary: 'The fields one purpose needs; sensitive ones masked unless unmasked (recorded)' })
  @ApiZodQuery(ReadCustomerQuery)
  read(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Query(new ZodValidationPipe(ReadCustomerQuery)) query: z.output<typeof ReadCustomerQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.customers.read(id, query.purpose, query.unmask as ProfileField[], principal, ctx);
  }

  @Patch(':id')
  @Roles('customer', 'agent', 'service_rep', 'admin')
  @ApiOperation({
    summary: 'Correct the record: a new version, refused with 409 if expectedVersion is stale',
  })
  @ApiZodBody(UpdateCustomerBody)
  update(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(UpdateCustomerBody)) body: z.output<typeof UpdateCustomerBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.correctCustomer.execute(id, body, principal, ctx);
  }

  @Get(':id/history')
  @Roles('customer', 'service_rep', 'compliance_officer', 'admin')
  @ApiOperation({ summary: 'Every version: who, when, why and what changed (sensitive values masked)' })
  history(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.customers.history(id, principal);
  }

  @Post(':id/identity-verifications')
  @Roles('agent', 'service_rep', 'admin')
  // Each start sends a text message: at most 5 per customer in 10 minutes, so nobody can flood a phone.
  @RouteConfig({ rateLimit: { max: 5, timeWindow: 600_000, keyGenerator: perCustomer } })
  @ApiProblems(429)
  @ApiOperation({
    summary: 'Check the ID number and declared data, and send a one-time code to the mobile on file',
  })
  @ApiZodBody(StartVerificationBody)
  startVerification(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(StartVerificationBody)) body: z.output<typeof StartVerificationBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.verification.start(id, body.declared, principal.sub, ctx);
  }

  @Post(':id/identity-verifications/:verificationId/confirmation')
  @HttpCode(200)
  // Three wrong codes reject a verification; this also caps guessing across verifications of one customer.
  @RouteConfig({ rateLimit: { max: 10, timeWindow: 600_000, keyGenerator: perCustomer } })
  @ApiProblems(429)
  @Roles('customer', 'agent', 'service_rep', 'admin')
  @ApiOperation({
    summary: 'Confirm the one-time code: verified, or rejected after three wrong codes or expiry',
  })
  @ApiZodBody(ConfirmVerificationBody)
  confirmVerification(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Param('verificationId', uuidParam) verificationId: string,
    @Body(new ZodValidationPipe(ConfirmVerificationBody)) body: z.output<typeof ConfirmVerificationBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.verification.confirm(id, verificationId, body.code, principal, ctx);
  }

  @Post(':id/risk-assessments')
  @Roles('customer', 'agent', 'service_rep')
  @ApiOperation({
    summary: 'Score the questionnaire to C1-C5 (at most 2 a day and 8 in 12 months: 429 beyond)',
  })
  @ApiProblems(429)
  @ApiZodBody(RiskAssessmentBody)
  assess(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(RiskAssessmentBody)) body: z.output<typeof RiskAssessmentBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.assessments.assess(id, body.answers, principal, ctx);
  }

  @Get(':id/risk-assessments')
  @Roles('customer', 'agent', 'service_rep', 'compliance_officer', 'admin')
  @ApiOperation({ summary: 'Past assessments, newest first' })
  listAssessments(@Param('id', uuidParam) id: string, @CurrentPrincipal() principal: Principal) {
    return this.assessments.list(id, principal);
  }

  @Put(':id/health-declaration')
  @HttpCode(204)
  @Roles('customer', 'agent', 'underwriter')
  @ApiOperation({
    summary: 'Store the health declaration, encrypted; needs the separate health_data consent',
  })
  @ApiZodBody(HealthDeclarationBody)
  async declareHealth(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Body(new ZodValidationPipe(HealthDeclarationBody)) body: z.output<typeof HealthDeclarationBody>,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.consents.declareHealth(id, body, principal, ctx);
  }

  @Get(':id/health-declaration')
  @Roles('customer', 'underwriter', 'claims_handler', 'claims_manager', 'admin')
  @ApiOperation({
    summary: 'The health declaration in clear for underwriting or claims; the read is recorded',
  })
  @ApiZodQuery(HealthReadQuery)
  async readHealth(
    @Correlation() ctx: RequestContext,
    @Param('id', uuidParam) id: string,
    @Query(new ZodValidationPipe(HealthReadQuery)) query: z.output<typeof HealthReadQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    return { declaration: await this.consents.readHealth(id, query.purpose, principal, ctx) };
  }
}
