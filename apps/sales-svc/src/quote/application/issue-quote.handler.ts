import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RowWriter, transaction, withIdempotency } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { rateTableOf } from '../../product/application/product.service';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import { standingAtSale } from '../../salesperson/domain/sales-authority';
import { SaleContextService, type SaleContext } from '../../suitability/application/sale-context.service';
import { refusalFor } from '../../suitability/domain/sale';
import type { SaleRefusedError } from '../../suitability/domain/sale.errors';
import type { SuitabilityResult } from '../../suitability/domain/suitability';
import { issueQuote, price, type QuoteRequest } from '../domain/quote';
import { QuoteEntity } from '../infrastructure/quote.entity';

export type { QuoteRequest } from '../domain/quote';

/** A refused quote on its way out of the request's transaction, with what `execute` records of it after. */
class RefusedQuote extends Error {
  constructor(
    readonly refusal: SaleRefusedError,
    readonly ctx: SaleContext,
    readonly result: SuitabilityResult,
  ) {
    super(refusal.message);
  }
}

/**
 * Rates the request and runs every sales-conduct check; a refusal names each rule. Suitability is recorded and
 * announced whatever the outcome. With an Idempotency-Key a retried request returns the first quote.
 */
@Injectable()
export class IssueQuoteHandler {
  private readonly quotes: RowWriter<QuoteEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly sale: SaleContextService,
    private readonly pipeline: PipelineService,
  ) {
    this.quotes = new RowWriter(dataSource, QuoteEntity);
  }

  async execute(request: QuoteRequest, context: RequestContext, idempotencyKey?: string) {
    try {
      return await this.issue(request, context, idempotencyKey);
    } catch (err) {
      if (!(err instanceof RefusedQuote)) throw err;
      // Kept once the request's transaction has rolled back and given its connection back: a transaction of its own
      // opened inside that one held a connection while it waited for a second, and with the pool full of refusals
      // none came back until the pool's timeout.
      await transaction(this.dataSource, context, (m) =>
        this.sale.record(m, err.ctx, 'quote', request.salespersonId, err.result),
      );
      throw err.refusal;
    }
  }

  private issue(request: QuoteRequest, context: RequestContext, idempotencyKey?: string) {
    return withIdempotency(this.dataSource, context, 'sales', 'quote', idempotencyKey, request, async (m) => {
      const ctx = await this.sale.load(m, request);
      const rating = price(
        rateTableOf(ctx.product),
        {
          entryAge: ctx.entryAge,
          gender: ctx.insured.gender,
          occupationClass: ctx.insured.occupationClass,
        },
        request,
        ctx.product.terms.sumInsuredRangeFen,
      );
      const cover = await this.sale.coverInForce(m, ctx);
      this.sale.checkCover(ctx, cover, rating.sumInsuredFen);
      const result = this.sale.suitability(
        ctx,
        cover,
        { ...rating, paymentMode: request.paymentMode, paymentTermYears: request.paymentTermYears },
        request.acknowledgement !== undefined,
      );
      const refusal = refusalFor(result);
      // The refusal rolls the request back, not the record of its assessment (kept by `execute`).
      if (refusal) throw new RefusedQuote(refusal, ctx, result);
      await this.sale.record(m, ctx, 'quote', request.salespersonId, result);
      const { state, event } = issueQuote(
        randomUUID(),
        request,
        {
          productCode: ctx.product.productCode,
          productVersion: ctx.product.version,
          entryAge: ctx.entryAge,
          occupationClass: ctx.insured.occupationClass,
          outcome: result.outcome,
          salespersonStanding: standingAtSale(ctx.salesperson),
        },
        rating,
        this.clock.now(),
      );
      const quote = this.quotes.entity(state);
      await this.quotes.write(m, [quote]);
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
        payload: event,
      });
      return { ...quote, suitability: { outcome: result.outcome, findings: result.soft } };
    });
  }
}
