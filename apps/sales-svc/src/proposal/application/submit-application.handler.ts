import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { PrimaryKeyReader, RowWriter, withIdempotency } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock } from '@insurer/platform-time';
import { CustomerFactsEntity } from '../../customer-replica/infrastructure/customer-facts.entity';
import { QuoteEntity } from '../../quote/infrastructure/quote.entity';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import { standingAtSale } from '../../salesperson/domain/sales-authority';
import { SaleContextService } from '../../suitability/application/sale-context.service';
import { refusalFor } from '../../suitability/domain/sale';
import { assertQuoteFits, submitApplication, type SubmitApplicationInput } from '../domain/application';
import { QuoteAlreadyUsedError } from '../domain/application.errors';
import { ApplicationEntity } from '../infrastructure/application.entity';

export type { SubmitApplicationInput } from '../domain/application';

/** An application from a valid quote, by REST (with an Idempotency-Key) or an integrator's command. */
@Injectable()
export class SubmitApplicationHandler {
  /** The hottest write of sales: its reads and inserts made once from the metadata, no query builder. */
  private readonly quotes: PrimaryKeyReader<QuoteEntity>;
  private readonly customerFacts: PrimaryKeyReader<CustomerFactsEntity>;
  private readonly applications: RowWriter<ApplicationEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly sale: SaleContextService,
    private readonly pipeline: PipelineService,
  ) {
    this.quotes = new PrimaryKeyReader(dataSource, QuoteEntity);
    this.customerFacts = new PrimaryKeyReader(dataSource, CustomerFactsEntity);
    this.applications = new RowWriter(dataSource, ApplicationEntity);
  }

  execute(input: SubmitApplicationInput, ctx: RequestContext, idempotencyKey?: string) {
    return withIdempotency(this.dataSource, ctx, 'sales', 'application', idempotencyKey, input, (m) =>
      this.executeIn(m, input),
    );
  }

  /** The same submission inside the caller's transaction (an integrator's command with its inbox row). */
  async executeIn(m: EntityManager, input: SubmitApplicationInput) {
    const now = this.clock.now();
    // Issued together: the check runs after the lock is granted (it follows on the wire), so a submission that was
    // waiting for the same quote sees the application the other one committed.
    const [quote, [used]] = await Promise.all([
      this.quotes.findForUpdateIn(m, input.quoteId),
      m.query(`SELECT application_id FROM sales.application WHERE quote_id = $1`, [input.quoteId]) as Promise<
        { application_id: string }[]
      >,
    ]);
    if (!quote) throw new ResourceNotFoundError('quote', input.quoteId);
    if (used) throw new QuoteAlreadyUsedError(used.application_id);
    assertQuoteFits(quote, input, now);

    const ctx = await this.sale.load(m, quote);
    const [cover, payer] = await Promise.all([
      this.sale.coverInForce(m, ctx),
      input.payerId === ctx.policyholder.customerId
        ? ctx.policyholder
        : this.customerFacts.findIn(m, input.payerId),
    ]);
    // Cover the insured has gained since the quote counts too.
    this.sale.checkCover(ctx, cover, quote.sumInsuredFen);
    const suitability = this.sale.suitability(ctx, cover, quote, quote.acknowledgement !== null);
    const { state, event } = submitApplication(
      randomUUID(),
      input,
      {
        quote,
        product: ctx.product.terms,
        insured: ctx.insured,
        entryAge: ctx.entryAge,
        effectiveDate: ctx.effectiveDate,
        policyholder: ctx.policyholder,
        policyholderAge: ctx.policyholderAge,
        parties: ctx.parties,
        payerKnown: !!payer && !payer.erased,
        suitability,
        suitabilityRefused: refusalFor(suitability) !== null,
        salespersonStanding: standingAtSale(ctx.salesperson),
      },
      now,
    );
    await this.sale.record(m, ctx, 'application', input.salespersonId, suitability);
    const application = this.applications.entity(state);
    await this.applications.write(m, [application]);
    await this.pipeline.advance(m, { quoteId: quote.quoteId }, 'applied', {
      applicationId: application.applicationId,
    });
    await this.outbox.publish(m, {
      type: 'sales.application-submitted',
      aggregateId: application.applicationId,
      payload: event,
    });
    return application;
  }
}
