import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceNotFoundError } from '@insurer/platform-http';
import { withIdempotency } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { rateTableOf } from '../../product/application/product.service';
import { rate, type PaymentMode } from '../../product/domain/rating';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import {
  SaleContextService,
  SaleRefusedError,
  refusalFor,
  type SaleContext,
} from '../../suitability/application/sale-context.service';
import type { SuitabilityResult } from '../../suitability/domain/suitability';
import { quoteValidUntil } from '../domain/quote-validity';
import { QuoteEntity } from '../infrastructure/quote.entity';

export interface QuoteRequest {
  readonly customerId: string;
  readonly productCode: string;
  readonly sumInsuredFen?: number;
  readonly premiumFen?: number;
  readonly paymentMode: PaymentMode;
  readonly paymentTermYears: number;
  readonly coverageTermYears: number;
  readonly salespersonId: string;
  readonly channel: 'agent' | 'bank' | 'telesales' | 'online' | 'broker';
  /** The customer's signed declaration, where an "advise to stop" finding may be overridden. */
  readonly acknowledgement?: { signedBy: string; signedAt: string; sha256: string };
}

@Injectable()
export class QuoteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly sale: SaleContextService,
    private readonly pipeline: PipelineService,
  ) {}

  /**
   * Rates the request and runs every sales-conduct check; a refusal names each rule. Suitability is recorded and
   * announced whatever the outcome. With an Idempotency-Key a retried request returns the first quote.
   */
  async quote(request: QuoteRequest, idempotencyKey?: string) {
    return withIdempotency(this.dataSource, 'sales', 'quote', idempotencyKey, request, async (m) => {
      const ctx = await this.sale.load(m, request);
      const table = rateTableOf(ctx.product);
      if (!table)
        throw new SaleRefusedError('SALES.NOT_RATED', 'the product has no rate table', [
          { code: 'RATING.NO_TABLE', message: 'no rate table' },
        ]);
      const start =
        request.sumInsuredFen !== undefined
          ? { sumInsuredFen: request.sumInsuredFen }
          : { premiumFen: request.premiumFen ?? 0 };
      const rated = rate(
        table,
        {
          entryAge: ctx.entryAge,
          gender: ctx.customer.gender,
          paymentTermYears: request.paymentTermYears,
          paymentMode: request.paymentMode,
          occupationClass: ctx.customer.occupationClass,
        },
        start,
      );
      if (!rated.ok)
        throw new SaleRefusedError('SALES.NOT_RATED', 'the product cannot be rated for this customer', [
          { code: rated.code, message: rated.message },
        ]);
      const rating = rated.rating;
      const range = ctx.product.terms.sumInsuredRangeFen;
      if (range && (rating.sumInsuredFen < range.min || rating.sumInsuredFen > range.max)) {
        throw new SaleRefusedError(
          'SALES.SUM_INSURED_RANGE',
          'the sum insured is outside the product limits',
          [
            {
              code: 'PRODUCT.SUM_INSURED',
              message: `sum insured must be between ${range.min / 100} and ${range.max / 100} yuan`,
              pointer: '/sumInsuredFen',
            },
          ],
        );
      }
      const result = await this.sale.suitability(
        m,
        ctx,
        { ...rating, paymentMode: request.paymentMode, paymentTermYears: request.paymentTermYears },
        request.acknowledgement !== undefined,
      );
      const refusal = refusalFor(result);
      if (refusal) {
        await this.recordRefused(ctx, request.salespersonId, result);
        throw refusal;
      }
      await this.sale.record(m, ctx, 'quote', request.salespersonId, result);

      const now = this.clock.now();
      const quote = m.create(QuoteEntity, {
        quoteId: randomUUID(),
        customerId: request.customerId,
        productCode: ctx.product.productCode,
        productVersion: ctx.product.version,
        sumInsuredFen: rating.sumInsuredFen,
        annualPremiumFen: rating.annualPremiumFen,
        premiumFen: rating.premiumFen,
        paymentMode: request.paymentMode,
        paymentTermYears: request.paymentTermYears,
        coverageTermYears: request.coverageTermYears,
        entryAge: ctx.entryAge,
        occupationClass: ctx.customer.occupationClass,
        salespersonId: request.salespersonId,
        channel: request.channel,
        suitabilityOutcome: result.outcome,
        acknowledgement: request.acknowledgement ?? null,
        validUntil: quoteValidUntil(now),
        issuedAt: now,
      });
      await m.insert(QuoteEntity, quote);
      await this.pipeline.quoted(
        m,
        request.customerId,
        request.salespersonId,
        quote.productCode,
        quote.quoteId,
      );
      await this.outbox.publish(m, {
        type: 'sales.quote-issued',
        aggregateId: quote.quoteId,
        payload: {
          quoteId: quote.quoteId,
          customerId: quote.customerId,
          productCode: quote.productCode,
          productVersion: quote.productVersion,
          sumInsuredFen: quote.sumInsuredFen,
          premiumFen: quote.premiumFen,
          paymentMode: quote.paymentMode,
          paymentTermYears: quote.paymentTermYears,
          coverageTermYears: quote.coverageTermYears,
          salespersonId: quote.salespersonId,
          channel: quote.channel,
          validUntil: quote.validUntil,
          issuedAt: now.toISOString(),
        },
      });
      return { ...quote, suitability: { outcome: result.outcome, findings: result.soft } };
    });
  }

  async get(quoteId: string): Promise<QuoteEntity> {
    const quote = await this.dataSource.manager.findOne(QuoteEntity, { where: { quoteId } });
    if (!quote) throw new ResourceNotFoundError('quote', quoteId);
    return quote;
  }

  /** A refused sale's assessment is kept in its own transaction: the refusal rolls the request back, not the record. */
  private async recordRefused(
    ctx: SaleContext,
    salespersonId: string,
    result: SuitabilityResult,
  ): Promise<void> {
    await this.dataSource.transaction((m) => this.sale.record(m, ctx, 'quote', salespersonId, result));
  }
}
