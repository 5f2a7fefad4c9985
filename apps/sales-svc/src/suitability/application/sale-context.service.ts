import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { paysOnDeath } from '@insurer/contracts';
import { PrimaryKeyReader, RowWriter } from '@insurer/platform-database';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, completedYears, shanghaiDate } from '@insurer/platform-time';
import { CustomerFactsEntity } from '../../customer-replica/infrastructure/customer-facts.entity';
import { ProductService } from '../../product/application/product.service';
import type { ProductVersionEntity } from '../../product/infrastructure/product-version.entity';
import { SuitabilityRecordEntity } from '../infrastructure/suitability-record.entity';
import { SalespersonQueries } from '../../salesperson/application/salesperson.queries';
import { salesAuthority, type SalespersonStanding } from '../../salesperson/domain/sales-authority';
import {
  checkMinorDeathBenefit,
  checkParties,
  deathBenefitFen,
  minorDeathBenefitCapFen,
  type SaleParties,
} from '../domain/parties';
import {
  checkOfferedTerms,
  knownPolicyholder,
  rateableCustomer,
  suitabilityAssessed,
  suitabilityInput,
  type RateableCustomer,
  type SaleTerms,
} from '../domain/sale';
import { SaleRefusedError } from '../domain/sale.errors';
import { assessSuitability, type SuitabilityResult } from '../domain/suitability';

export type { SaleTerms } from '../domain/sale';

/** What the insured holds in force already (sales' replica of contract's policies). */
export interface CoverInForce {
  /** Death benefits over the insured's in-force and suspended policies. */
  readonly deathBenefitFen: number;
  /** How many of them are of the product's type. */
  readonly similar: number;
}

export interface SaleContext {
  readonly today: string;
  /** Cover starts on the day of issue; ages are completed years on that date (周岁). */
  readonly effectiveDate: string;
  readonly product: ProductVersionEntity;
  /** The buyer: suitability, affordability, needs, existing cover, advise-to-stop and dual recording read them. */
  readonly policyholder: CustomerFactsEntity & { birthDate: string };
  readonly policyholderAge: number;
  /** The life covered: entry and rating age, gender, occupation, health and underwriting read them. */
  readonly insured: RateableCustomer<CustomerFactsEntity>;
  /** The insured's completed age on the effective date: the entry and rating age. */
  readonly entryAge: number;
  readonly parties: SaleParties;
  /** The salesperson as the authority rule judged them for this sale (the sale's event carries it). */
  readonly salesperson: SalespersonStanding;
}

/**
 * What a quote and an application both establish: the salesperson may sell the product, both parties are known to
 * sales with the facts their rules need, the policyholder may insure the insured, and the product offers the chosen
 * terms at the insured's age and occupation.
 */
@Injectable()
export class SaleContextService {
  /** Every quote and application reads the parties' facts by id: one statement, no query builder. */
  private readonly customerFacts: PrimaryKeyReader<CustomerFactsEntity>;
  private readonly records: RowWriter<SuitabilityRecordEntity>;

  constructor(
    dataSource: DataSource,
    private readonly products: ProductService,
    private readonly salespeople: SalespersonQueries,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.customerFacts = new PrimaryKeyReader(dataSource, CustomerFactsEntity);
    this.records = new RowWriter(dataSource, SuitabilityRecordEntity);
  }

  async load(m: EntityManager, terms: SaleTerms): Promise<SaleContext> {
    const today = shanghaiDate(this.clock.now());
    const effectiveDate = today;
    const insuredId = terms.insuredId ?? terms.customerId;
    // Independent reads, issued together: one round trip to Postgres instead of one each.
    const [product, person, holderFacts, insuredFacts] = await Promise.all([
      this.products.current(terms.productCode, today, m),
      this.salespeople.get(terms.salespersonId, m).catch(() => null),
      this.customerFacts.findIn(m, terms.customerId),
      insuredId === terms.customerId ? undefined : this.customerFacts.findIn(m, insuredId),
    ]);

    const salesperson = person ? this.salespeople.standing(person) : null;
    const authority = salesperson
      ? salesAuthority(salesperson, product.terms.riskGrade, today)
      : [
          {
            code: 'SALESPERSON.UNKNOWN',
            message: `no salesperson ${terms.salespersonId}`,
            params: { salespersonId: terms.salespersonId },
            pointer: '/salespersonId',
          },
        ];
    if (!salesperson || authority.length)
      throw new SaleRefusedError(
        'SALES.SALESPERSON_NOT_AUTHORISED',
        'the salesperson may not sell this product',
        authority,
      );

    const policyholder = knownPolicyholder(holderFacts);
    const insured = rateableCustomer(
      insuredFacts === undefined ? holderFacts : insuredFacts,
      terms.insuredId ? '/insuredId' : '/customerId',
    );
    const entryAge = checkOfferedTerms(product.terms, insured, terms, effectiveDate);
    const policyholderAge = completedYears(policyholder.birthDate, effectiveDate);
    const parties: SaleParties = {
      policyholder: { customerId: policyholder.customerId, age: policyholderAge },
      insured: { customerId: insured.customerId, age: entryAge },
      relationship: terms.insuredRelationship ?? 'self',
      insuredConsent: terms.insuredConsent ?? null,
    };
    const refused = checkParties(parties, paysOnDeath(product.terms.coverages));
    if (refused.length)
      throw new SaleRefusedError('SALES.PARTIES', 'the policyholder may not insure this person so', refused);
    return {
      today,
      effectiveDate,
      product,
      policyholder,
      policyholderAge,
      insured,
      entryAge,
      parties,
      salesperson,
    };
  }

  /**
   * The insured's cover in force, as both rules below read it: the death benefits summed, and the policies of the
   * product's type. One statement for both.
   */
  async coverInForce(m: EntityManager, ctx: SaleContext): Promise<CoverInForce> {
    const [row] = (await m.query(
      `SELECT COALESCE(SUM(death_benefit_fen), 0)::bigint AS death_benefit_fen,
              (count(*) FILTER (WHERE product_type = $2))::int AS similar
       FROM sales.policy_replica WHERE insured_id = $1 AND status IN ('in_force', 'suspended')`,
      [ctx.insured.customerId, ctx.product.terms.type],
    )) as { death_benefit_fen: string; similar: number }[];
    return { deathBenefitFen: Number(row?.death_benefit_fen ?? 0), similar: row?.similar ?? 0 };
  }

  /**
   * The cover this sale adds on the insured's life, within what the law allows: a minor's death benefits over all of
   * their in-force policies stay under the regulator's cap.
   */
  checkCover(ctx: SaleContext, cover: CoverInForce, sumInsuredFen: number): void {
    const newDeathBenefitFen = deathBenefitFen(ctx.product.terms.coverages, sumInsuredFen);
    if (newDeathBenefitFen === 0 || minorDeathBenefitCapFen(ctx.entryAge) === null) return;
    const refused = checkMinorDeathBenefit({
      insuredAge: ctx.entryAge,
      newDeathBenefitFen,
      inForceDeathBenefitFen: cover.deathBenefitFen,
    });
    if (refused.length)
      throw new SaleRefusedError(
        'SALES.PARTIES',
        'the insured’s death benefits would exceed the law’s cap',
        refused,
      );
  }

  /**
   * The suitability check on the policyholder's facts. Similar cover in force is counted on the insured: a second
   * indemnity on the same person is what duplicates.
   */
  suitability(
    ctx: SaleContext,
    cover: CoverInForce,
    sale: { sumInsuredFen: number; annualPremiumFen: number; paymentMode: string; paymentTermYears: number },
    acknowledged: boolean,
  ): SuitabilityResult {
    return assessSuitability(
      suitabilityInput(
        ctx.product.terms,
        ctx.policyholder,
        ctx.policyholderAge,
        sale,
        cover.similar,
        acknowledged,
        ctx.today,
      ),
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
    await this.records.write(m, [
      {
        assessmentId,
        customerId: ctx.policyholder.customerId,
        productCode: ctx.product.productCode,
        stage,
        outcome: result.outcome,
        reasons: [...result.hard, ...result.soft],
        salespersonId,
        assessedAt: now,
      },
    ]);
    await this.outbox.publish(m, {
      type: 'sales.suitability-assessed',
      aggregateId: ctx.policyholder.customerId,
      payload: suitabilityAssessed(
        assessmentId,
        ctx.policyholder,
        { productCode: ctx.product.productCode, riskGrade: ctx.product.terms.riskGrade },
        result,
        salespersonId,
        now,
      ),
    });
    return assessmentId;
  }
}
