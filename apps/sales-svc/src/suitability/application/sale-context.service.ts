import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { PrimaryKeyReader } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { CustomerFactsEntity } from '../../customer-replica/infrastructure/customer-facts.entity';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';
import { ProductService } from '../../product/application/product.service';
import type { ProductVersionEntity } from '../../product/infrastructure/product-version.entity';
import { SuitabilityRecordEntity } from '../infrastructure/suitability-record.entity';
import { SalespersonQueries } from '../../salesperson/application/salesperson.queries';
import { salesAuthority } from '../../salesperson/domain/sales-authority';
import {
  checkOfferedTerms,
  rateableCustomer,
  suitabilityAssessed,
  suitabilityInput,
  type RateableCustomer,
  type SaleTerms,
} from '../domain/sale';
import { SaleRefusedError } from '../domain/sale.errors';
import { assessSuitability, type SuitabilityResult } from '../domain/suitability';

export type { SaleTerms } from '../domain/sale';

export interface SaleContext {
  readonly today: string;
  /** Cover starts on the day of issue; ages are completed years on that date (周岁). */
  readonly effectiveDate: string;
  readonly product: ProductVersionEntity;
  readonly customer: RateableCustomer<CustomerFactsEntity>;
  readonly entryAge: number;
}

/**
 * What a quote and an application both establish: the salesperson may sell the product, the customer is known to
 * sales with the facts rating needs, and the product offers the chosen terms at the customer's age and occupation.
 */
@Injectable()
export class SaleContextService {
  /** Every quote and application reads the customer's facts by id: one statement, no query builder. */
  private readonly customerFacts: PrimaryKeyReader<CustomerFactsEntity>;

  constructor(
    dataSource: DataSource,
    private readonly products: ProductService,
    private readonly salespeople: SalespersonQueries,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.customerFacts = new PrimaryKeyReader(dataSource, CustomerFactsEntity);
  }

  async load(m: EntityManager, terms: SaleTerms): Promise<SaleContext> {
    const today = shanghaiDate(this.clock.now());
    const effectiveDate = today;
    const product = await this.products.current(terms.productCode, today, m);

    const person = await this.salespeople.get(terms.salespersonId, m).catch(() => null);
    const authority = person
      ? salesAuthority(this.salespeople.standing(person), product.terms.riskGrade, today)
      : [
          {
            code: 'SALESPERSON.UNKNOWN',
            message: `no salesperson ${terms.salespersonId}`,
            pointer: '/salespersonId',
          },
        ];
    if (authority.length)
      throw new SaleRefusedError(
        'SALES.SALESPERSON_NOT_AUTHORISED',
        'the salesperson may not sell this product',
        authority,
      );

    const customer = rateableCustomer(await this.customerFacts.findIn(m, terms.customerId));
    const entryAge = checkOfferedTerms(product.terms, customer, terms, effectiveDate);
    return { today, effectiveDate, product, customer, entryAge };
  }

  /** The suitability check against the customer's current facts and in-force cover of the same kind. */
  async suitability(
    m: EntityManager,
    ctx: SaleContext,
    sale: { sumInsuredFen: number; annualPremiumFen: number; paymentMode: string; paymentTermYears: number },
    acknowledged: boolean,
  ): Promise<SuitabilityResult> {
    const similar = await m.count(PolicyReplicaEntity, {
      where: {
        insuredId: ctx.customer.customerId,
        productType: ctx.product.terms.type,
        status: In(['in_force', 'suspended']),
      },
    });
    return assessSuitability(
      suitabilityInput(ctx.product.terms, ctx.customer, ctx.entryAge, sale, similar, acknowledged, ctx.today),
    );
  }

  /** Keeps the assessment (whatever its outcome) and announces it for compliance. */
  async record(
    m: EntityManager,
    ctx: SaleContext,
    stage: 'check' | 'quote' | 'application',
    salespersonId: string,
    result: SuitabilityResult,
  ): Promise<string> {
    const now = this.clock.now();
    const assessmentId = randomUUID();
    await m.insert(SuitabilityRecordEntity, {
      assessmentId,
      customerId: ctx.customer.customerId,
      productCode: ctx.product.productCode,
      stage,
      outcome: result.outcome,
      reasons: [...result.hard, ...result.soft],
      salespersonId,
      assessedAt: now,
    });
    await this.outbox.publish(m, {
      type: 'sales.suitability-assessed',
      aggregateId: ctx.customer.customerId,
      payload: suitabilityAssessed(
        assessmentId,
        ctx.customer,
        { productCode: ctx.product.productCode, riskGrade: ctx.product.terms.riskGrade },
        result,
        salespersonId,
        now,
      ),
    });
    return assessmentId;
  }
}
