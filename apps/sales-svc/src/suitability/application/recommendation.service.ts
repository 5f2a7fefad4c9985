import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PrimaryKeyReader, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { Clock, completedYears, shanghaiDate } from '@insurer/platform-time';
import { CustomerFactsArrivals } from '../../customer-replica/application/customer-facts-arrivals';
import { CustomerFactsEntity } from '../../customer-replica/infrastructure/customer-facts.entity';
import { ProductService } from '../../product/application/product.service';
import { PipelineService } from '../../salesperson/application/pipeline.service';
import type { Locale } from '@insurer/contracts';
import { analyseNeeds, type NeedsAnalysis } from '../domain/needs-analysis';
import { needsText } from '../domain/needs-texts';
import { SaleRefusedError } from '../domain/sale.errors';

@Injectable()
export class RecommendationService {
  // Asked until sales knows the customer, so read without the query builder.
  private readonly facts: PrimaryKeyReader<CustomerFactsEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly products: ProductService,
    private readonly pipeline: PipelineService,
    private readonly clock: Clock,
    private readonly arrivals: CustomerFactsArrivals,
  ) {
    this.facts = new PrimaryKeyReader(dataSource, CustomerFactsEntity);
  }

  /**
   * Needs analysis and ranked recommendations from today's catalogue, their reasons worded in `locale`; moves the
   * lead to "needs analysed". With `waitMs` (`Prefer: wait`), sales-svc first waits that long at most for its copy of
   * the customer's facts to hold what the analysis needs, a birth date and a risk assessment valid today, which
   * customer-svc's events bring a moment after the customer registered or was assessed there; then it analyses
   * what it has, as without the wait.
   */
  async recommend(
    customerId: string,
    salespersonId: string,
    locale: Locale,
    ctx: RequestContext,
    waitMs = 0,
  ) {
    if (waitMs > 0) {
      const today = shanghaiDate(this.clock.now());
      await this.arrivals.read(customerId, waitMs, async () => {
        const facts = await this.facts.find(customerId);
        return facts && assessedToday(facts, today) ? facts : undefined;
      });
    }
    return transaction(this.dataSource, ctx, (m) => this.recommendIn(m, customerId, salespersonId, locale));
  }

  /**
   * Within the caller's transaction: the customer's facts with BEGIN, then the cover, the catalogue and the open lead
   * read together, and the lead's move with the COMMIT (three round trips once the catalogue's versions are cached).
   */
  async recommendIn(m: EntityManager, customerId: string, salespersonId: string, locale: Locale) {
    const today = shanghaiDate(this.clock.now());
    const customer = await this.facts.findIn(m, customerId);
    if (!customer || customer.erased || !customer.birthDate) {
      throw new SaleRefusedError('SALES.CUSTOMER_UNKNOWN', 'needs analysis needs the customer facts', [
        {
          code: 'SALES.CUSTOMER_UNKNOWN',
          message: 'the customer or their birth date is not known to sales',
          pointer: '/customerId',
        },
      ]);
    }
    const [[{ medical }], catalogue, open] = await Promise.all([
      m.query(
        `SELECT count(*)::int AS medical FROM sales.policy_replica
         WHERE insured_id = $1 AND product_type = 'medical' AND status IN ('in_force', 'suspended')`,
        [customerId],
      ) as Promise<{ medical: number }[]>,
      this.products.catalogue(today, m),
      this.pipeline.openLead(m, customerId, salespersonId),
    ]);
    const riskValid = assessedToday(customer, today);
    const analysis = analyseNeeds(
      {
        age: completedYears(customer.birthDate, today),
        occupationClass: customer.occupationClass,
        annualIncomeFen: customer.annualIncomeFen,
        dependants: customer.dependants ?? 0,
        existingCoverFen: customer.existingCoverFen ?? 0,
        riskLevel: riskValid ? customer.riskLevel : null,
        hasMedicalCover: medical > 0,
      },
      catalogue.map((p) => ({
        productCode: p.productCode,
        name: p.terms.name,
        type: p.terms.type,
        riskGrade: p.terms.riskGrade,
        entryAge: p.terms.entryAge,
        occupationClasses: p.terms.occupationClasses,
      })),
    );
    await this.pipeline.touchLead(m, open, customerId, salespersonId, 'needs_analysed');
    return { customerId, ...worded(analysis, locale) };
  }
}

/** Whether the facts hold what a needs analysis uses: a customer not erased, their age and a risk level valid today. */
function assessedToday(facts: CustomerFactsEntity, today: string): boolean {
  return (
    !facts.erased &&
    Boolean(facts.birthDate && facts.riskLevel && facts.riskValidUntil && facts.riskValidUntil >= today)
  );
}

/** The analysis as its reader has it: each reason in their language, beside its stable code. */
function worded(analysis: NeedsAnalysis, locale: Locale) {
  return {
    ...analysis,
    recommendations: analysis.recommendations.map((r) => ({
      ...r,
      reasons: r.reasons.map((reason) => needsText(reason, locale)),
      reasonCodes: r.reasons.map((reason) => reason.code),
    })),
    excluded: analysis.excluded.map((e) => ({
      productCode: e.productCode,
      reason: needsText(e.reason, locale),
      reasonCode: e.reason.code,
    })),
  };
}
