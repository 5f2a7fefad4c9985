import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { PrimaryKeyReader } from '@insurer/platform-database';
import { AppError } from '@insurer/platform-http';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, completedYears, shanghaiDate } from '@insurer/platform-time';
import { CustomerFactsEntity } from '../../customer-replica/infrastructure/customer-facts.entity';
import { PolicyReplicaEntity } from '../../policy-replica/infrastructure/policy-replica.entity';
import { ProductService } from '../../product/application/product.service';
import type { ProductVersionEntity } from '../../product/infrastructure/product-version.entity';
import { SuitabilityRecordEntity } from '../infrastructure/suitability-record.entity';
import { SalespersonService } from '../../salesperson/application/salesperson.service';
import { salesAuthority } from '../../salesperson/domain/sales-authority';
import type { Reason } from '../domain/sources';
import { assessSuitability, type SuitabilityResult } from '../domain/suitability';

/** A sale refused by a rule: every reason with its code, message, source and (where there is one) field. */
export class SaleRefusedError extends AppError {
  constructor(
    code: string,
    message: string,
    reasons: readonly Reason[],
    extensions: Record<string, unknown> = {},
  ) {
    const first = reasons.find((r) => r.source);
    super(code, 'rule', `${message}: ${reasons.map((r) => r.message).join('; ')}`, {
      errors: reasons.map((r) => ({ pointer: r.pointer ?? '', message: r.message, rule: r.code })),
      rule: first?.source ? { id: first.code, source: first.source } : undefined,
      extensions: { ...extensions, reasons },
    });
  }
}

export interface SaleTerms {
  readonly customerId: string;
  readonly productCode: string;
  readonly salespersonId: string;
  readonly paymentMode: string;
  readonly paymentTermYears: number;
  readonly coverageTermYears: number;
}

export interface SaleContext {
  readonly today: string;
  /** Cover starts on the day of issue; ages are completed years on that date (周岁). */
  readonly effectiveDate: string;
  readonly product: ProductVersionEntity;
  readonly customer: CustomerFactsEntity & {
    birthDate: string;
    gender: 'male' | 'female';
    occupationClass: number;
  };
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
    private readonly salespeople: SalespersonService,
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

    const customer = await this.customerFacts.findIn(m, terms.customerId);
    if (!customer || customer.erased) {
      throw new SaleRefusedError('SALES.CUSTOMER_UNKNOWN', 'the customer is not known to sales', [
        {
          code: 'SALES.CUSTOMER_UNKNOWN',
          message: 'register the customer in customer-svc first (or wait for its event)',
          pointer: '/customerId',
        },
      ]);
    }
    const missing = (['birthDate', 'gender', 'occupationClass'] as const).filter((f) => customer[f] === null);
    if (missing.length) {
      throw new SaleRefusedError(
        'SALES.CUSTOMER_FACTS_MISSING',
        'rating needs facts the customer record lacks',
        missing.map((f) => ({
          code: 'SALES.CUSTOMER_FACT_MISSING',
          message: `${f} is unknown; collect it for quotation`,
        })),
      );
    }
    const full = customer as SaleContext['customer'];
    const entryAge = completedYears(full.birthDate, effectiveDate);
    const t = product.terms;
    const reasons: Reason[] = [];
    if (entryAge < t.entryAge.min || entryAge > t.entryAge.max) {
      reasons.push({
        code: 'PRODUCT.ENTRY_AGE',
        message: `entry age ${entryAge} is outside ${t.entryAge.min}-${t.entryAge.max}`,
      });
    }
    if (!t.occupationClasses.includes(full.occupationClass)) {
      reasons.push({
        code: 'PRODUCT.OCCUPATION_CLASS',
        message: `occupation class ${full.occupationClass} is not accepted`,
      });
    }
    if (!t.coverageTermsYears.includes(terms.coverageTermYears)) {
      reasons.push({
        code: 'PRODUCT.COVERAGE_TERM',
        message: `no ${terms.coverageTermYears}-year cover`,
        pointer: '/coverageTermYears',
      });
    }
    if (!t.paymentTermsYears.includes(terms.paymentTermYears)) {
      reasons.push({
        code: 'PRODUCT.PAYMENT_TERM',
        message: `no ${terms.paymentTermYears}-year payment`,
        pointer: '/paymentTermYears',
      });
    }
    if (!(t.paymentModes as readonly string[]).includes(terms.paymentMode)) {
      reasons.push({
        code: 'PRODUCT.PAYMENT_MODE',
        message: `payment mode ${terms.paymentMode} is not offered`,
        pointer: '/paymentMode',
      });
    }
    if (reasons.length)
      throw new SaleRefusedError(
        'SALES.PRODUCT_TERMS',
        'the product does not offer these terms to this customer',
        reasons,
      );
    return { today, effectiveDate, product, customer: full, entryAge };
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
    return assessSuitability({
      product: {
        type: ctx.product.terms.type,
        riskGrade: ctx.product.terms.riskGrade,
        maxSumInsuredIncomeMultiple: ctx.product.terms.maxSumInsuredIncomeMultiple,
      },
      customer: {
        age: ctx.entryAge,
        riskLevel: ctx.customer.riskLevel,
        riskValidUntil: ctx.customer.riskValidUntil,
        annualIncomeFen: ctx.customer.annualIncomeFen,
        householdIncomeFen: ctx.customer.householdIncomeFen,
        existingCoverFen: ctx.customer.existingCoverFen,
      },
      sale,
      similarPoliciesInForce: similar,
      acknowledged,
      today: ctx.today,
    });
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
    const reasons = [...result.hard, ...result.soft];
    await m.insert(SuitabilityRecordEntity, {
      assessmentId,
      customerId: ctx.customer.customerId,
      productCode: ctx.product.productCode,
      stage,
      outcome: result.outcome,
      reasons,
      salespersonId,
      assessedAt: now,
    });
    await this.outbox.publish(m, {
      type: 'sales.suitability-assessed',
      aggregateId: ctx.customer.customerId,
      payload: {
        assessmentId,
        customerId: ctx.customer.customerId,
        productCode: ctx.product.productCode,
        productRiskGrade: ctx.product.terms.riskGrade,
        customerRiskLevel: ctx.customer.riskLevel,
        riskLevelValidUntil: ctx.customer.riskValidUntil,
        outcome: result.outcome,
        reasons,
        salespersonId,
        assessedAt: now.toISOString(),
      },
    });
    return assessmentId;
  }
}

/** Turns a suitability result that stops the sale into the refusal a caller sees. */
export function refusalFor(result: SuitabilityResult): SaleRefusedError | null {
  if (result.outcome === 'mismatch') {
    return new SaleRefusedError(
      'SALES.SUITABILITY_MISMATCH',
      'the product is not suitable for this customer',
      [...result.hard, ...result.soft],
      {
        outcome: 'mismatch',
      },
    );
  }
  if (result.outcome === 'advise_stop') {
    return new SaleRefusedError(
      'SALES.ADVISE_STOP',
      'advise the customer to stop; continue only with their signed declaration',
      result.soft,
      { outcome: 'advise_stop' },
    );
  }
  return null;
}
