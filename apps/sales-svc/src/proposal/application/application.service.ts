import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CommandPayload } from '@insurer/contracts';
import { AppError, ResourceNotFoundError } from '@insurer/platform-http';
import { withIdempotency } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, addYears, shanghaiDate } from '@insurer/platform-time';
import { CustomerFactsEntity } from '../../customer-replica/infrastructure/customer-facts.entity';
import { isQuoteExpired } from '../../quote/domain/quote-validity';
import { QuoteEntity } from '../../quote/infrastructure/quote.entity';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import {
  SaleContextService,
  SaleRefusedError,
  refusalFor,
} from '../../suitability/application/sale-context.service';
import type { Reason } from '../../regulation/domain/sources';
import { bmi, checkBeneficiaries, checkHealthAnswers, checkSignature } from '../domain/application-rules';
import { checkRecording, recordingRetentionYears } from '../domain/dual-recording';
import { ApplicationEntity } from '../infrastructure/application.entity';

export type SubmitApplicationInput = CommandPayload<'sales.submit-application'>;

export class QuoteAlreadyUsedError extends AppError {
  constructor(applicationId: string) {
    super('SALES.QUOTE_ALREADY_USED', 'conflict', 'an application was already made from this quote', {
      extensions: { applicationId },
    });
  }
}

/**
 * An application (投保单) made from a valid quote. Everything the sales-conduct rules require is checked again at this
 * point, on the customer's current facts: the salesperson's authority, suitability, the policyholder's own signature,
 * specific health answers, beneficiary shares and, where required, the recording of the sale. All refusals are
 * reported together.
 */
@Injectable()
export class ApplicationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly sale: SaleContextService,
    private readonly pipeline: PipelineService,
  ) {}

  submit(input: SubmitApplicationInput, idempotencyKey?: string) {
    return withIdempotency(this.dataSource, 'sales', 'application', idempotencyKey, input, (m) =>
      this.submitIn(m, input),
    );
  }

  /** The same submission inside the caller's transaction (an integrator's command with its inbox row). */
  async submitIn(m: EntityManager, input: SubmitApplicationInput) {
    const now = this.clock.now();
    const quote = await m.findOne(QuoteEntity, {
      where: { quoteId: input.quoteId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!quote) throw new ResourceNotFoundError('quote', input.quoteId);
    const used = await m.findOne(ApplicationEntity, { where: { quoteId: quote.quoteId } });
    if (used) throw new QuoteAlreadyUsedError(used.applicationId);

    const reasons: Reason[] = [];
    if (isQuoteExpired(quote.validUntil, now)) {
      reasons.push({
        code: 'QUOTE.EXPIRED',
        message: `the quote expired on ${quote.validUntil}; quote again`,
        pointer: '/quoteId',
      });
    }
    if (input.insuredId !== quote.customerId) {
      reasons.push({
        code: 'SALES.INSURED_NOT_QUOTED',
        message: 'the insured is not the customer the quote was rated for',
        pointer: '/insuredId',
      });
    }
    if (input.salespersonId !== quote.salespersonId) {
      reasons.push({
        code: 'SALES.SALESPERSON_NOT_QUOTED',
        message: 'the salesperson is not the one who quoted',
        pointer: '/salespersonId',
      });
    }
    if (reasons.length)
      throw new SaleRefusedError('SALES.APPLICATION_REFUSED', 'the application cannot be accepted', reasons);

    const ctx = await this.sale.load(m, quote);
    const policyholderId = input.policyholderId ?? input.insuredId;
    if (policyholderId !== input.insuredId) {
      const holder = await m.findOne(CustomerFactsEntity, { where: { customerId: policyholderId } });
      if (!holder || holder.erased) {
        reasons.push({
          code: 'SALES.CUSTOMER_UNKNOWN',
          message: 'the policyholder is not known to sales',
          pointer: '/policyholderId',
        });
      }
    }
    const suitability = await this.sale.suitability(m, ctx, quote, quote.acknowledgement !== null);
    const refusal = refusalFor(suitability);
    const suitabilityReasons = refusal ? [...suitability.hard, ...suitability.soft] : [];
    const sale = {
      productType: ctx.product.terms.type,
      isLife: ctx.product.terms.isLife,
      productRequiresRecording: ctx.product.terms.dualRecordingRequired,
      buyerAge: ctx.entryAge,
      coverageTermYears: quote.coverageTermYears,
      channel: quote.channel,
    };
    reasons.push(
      ...suitabilityReasons,
      ...checkSignature(input.signature.signedBy, policyholderId, input.salespersonId),
      ...checkHealthAnswers(ctx.product.terms.type, input.healthAnswers),
      ...checkBeneficiaries(input.beneficiaries),
      ...checkRecording(sale, input.dualRecording),
    );
    if (reasons.length) {
      throw new SaleRefusedError('SALES.APPLICATION_REFUSED', 'the application cannot be accepted', reasons, {
        outcome: refusal ? suitability.outcome : undefined,
      });
    }
    await this.sale.record(m, ctx, 'application', input.salespersonId, suitability);

    const recordingRequired = checkRecording(sale, null).length > 0;
    const application = m.create(ApplicationEntity, {
      applicationId: randomUUID(),
      quoteId: quote.quoteId,
      policyholderId,
      insuredId: input.insuredId,
      payerId: input.payerId,
      payerRelationship: input.payerRelationship,
      salespersonId: input.salespersonId,
      healthAnswers: input.healthAnswers,
      heightCm: input.heightCm === undefined ? null : String(input.heightCm),
      weightKg: input.weightKg === undefined ? null : String(input.weightKg),
      beneficiaries: input.beneficiaries,
      signature: input.signature,
      dualRecording: input.dualRecording ?? null,
      recordingRetainedUntil: input.dualRecording
        ? addYears(
            shanghaiDate(now),
            recordingRetentionYears(quote.coverageTermYears) + quote.coverageTermYears,
          )
        : null,
      status: 'submitted',
      submittedAt: now,
    });
    await m.insert(ApplicationEntity, application);
    await this.pipeline.advance(m, { quoteId: quote.quoteId }, 'applied', {
      applicationId: application.applicationId,
    });
    await this.outbox.publish(m, {
      type: 'sales.application-submitted',
      aggregateId: application.applicationId,
      payload: {
        applicationId: application.applicationId,
        quoteId: quote.quoteId,
        policyholderId,
        insuredId: input.insuredId,
        payerId: input.payerId,
        payerRelationship: input.payerRelationship,
        productCode: quote.productCode,
        productVersion: quote.productVersion,
        productRiskGrade: ctx.product.terms.riskGrade,
        sumInsuredFen: quote.sumInsuredFen,
        premiumFen: quote.premiumFen,
        paymentMode: quote.paymentMode,
        paymentTermYears: quote.paymentTermYears,
        coverageTermYears: quote.coverageTermYears,
        insuredAge: ctx.entryAge,
        insuredGender: ctx.customer.gender,
        occupationClass: ctx.customer.occupationClass,
        annualIncomeFen: ctx.customer.annualIncomeFen ?? 0,
        bmi: bmi(input.heightCm, input.weightKg),
        declaredConditions: input.healthAnswers.filter((a) => a.answer).map((a) => a.questionId),
        identityVerified: ctx.customer.identityVerified,
        customerRiskLevel: ctx.customer.riskLevel,
        riskLevelValidUntil: ctx.customer.riskValidUntil,
        dualRecordingRequired: recordingRequired,
        dualRecording: input.dualRecording ?? null,
        beneficiaries: input.beneficiaries,
        salespersonId: input.salespersonId,
        channel: quote.channel,
        submittedAt: now.toISOString(),
      },
    });
    return application;
  }

  async get(applicationId: string): Promise<ApplicationEntity> {
    const application = await this.dataSource.manager.findOne(ApplicationEntity, {
      where: { applicationId },
    });
    if (!application) throw new ResourceNotFoundError('application', applicationId);
    return application;
  }
}
