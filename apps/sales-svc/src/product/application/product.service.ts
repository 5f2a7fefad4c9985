import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ProductDefinition } from '@insurer/contracts';
import { ImmutableRows, transaction } from '@insurer/platform-database';
import type { RequestContext } from '@insurer/platform-observability';
import { ResourceNotFoundError } from '@insurer/platform-errors';
import { OutboxPublisher } from '@insurer/platform-messaging';
import { Clock, shanghaiDate } from '@insurer/platform-time';
import { checkProductTerms } from '../domain/product-rules';
import type { RateRow, RateTable } from '../domain/rating';
import {
  checkCashValueYears,
  checkCoverage,
  parseCashValueCsv,
  parseRateCsv,
  type CashValueRow,
  type TableProblem,
} from '../domain/table-validation';
import { ProductVersionEntity, type ProductTermsJson } from '../infrastructure/product-version.entity';
import { ProductInvalidError, ProductStateError, ProductNotOnSaleError } from '../domain/product.errors';

export interface NewProductVersion extends ProductTermsJson {
  readonly productCode: string;
}

/**
 * The catalogue: a product team creates a version as a draft, uploads its rate and cash-value tables, and publishes it
 * from an effective date, all without a deploy. Publishing sends the full definition to contract-svc and claims-svc.
 */
@Injectable()
export class ProductService {
  /**
   * Published versions by code and version. A published version never changes (a change is a new version), so each
   * is read, with its rate and cash-value tables, once per process instead of on every quote and application.
   */
  private readonly published: ImmutableRows<ProductVersionEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
  ) {
    this.published = ImmutableRows.of(dataSource, ProductVersionEntity, (p) => p.status === 'published');
  }

  async create(input: NewProductVersion, actor: string, ctx: RequestContext): Promise<ProductVersionEntity> {
    const { productCode, ...terms } = input;
    const problems = checkProductTerms(terms);
    if (problems.length) throw new ProductInvalidError(problems);
    return transaction(this.dataSource, ctx, async (m) => {
      // Versions of one code are numbered under a lock on the code, so two creations never take the same number.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`product:${productCode}`]);
      const last = await m.findOne(ProductVersionEntity, {
        where: { productCode },
        order: { version: 'DESC' },
      });
      const entity = m.create(ProductVersionEntity, {
        productId: randomUUID(),
        productCode,
        version: (last?.version ?? 0) + 1,
        status: 'draft',
        terms,
        rates: null,
        cashValues: null,
        effectiveFrom: null,
        createdBy: actor,
        createdAt: this.clock.now(),
        publishedAt: null,
      });
      await m.insert(ProductVersionEntity, entity);
      return entity;
    });
  }

  async uploadRates(
    productCode: string,
    version: number,
    input: string | RateRow[],
    ctx: RequestContext,
  ): Promise<{ rows: number }> {
    return transaction(this.dataSource, ctx, async (m) => {
      const product = await this.lockDraft(m, productCode, version);
      const rows = typeof input === 'string' ? unwrap(parseRateCsv(input), 'rate table') : input;
      const problems = checkCoverage(rows, product.terms, 'rates');
      if (problems.length) throw new ProductInvalidError(problems, 'rate table');
      product.rates = rows;
      await m.save(product);
      return { rows: rows.length };
    });
  }

  async uploadCashValues(
    productCode: string,
    version: number,
    input: string | CashValueRow[],
    ctx: RequestContext,
  ): Promise<{ rows: number }> {
    return transaction(this.dataSource, ctx, async (m) => {
      const product = await this.lockDraft(m, productCode, version);
      const rows = typeof input === 'string' ? unwrap(parseCashValueCsv(input), 'cash-value table') : input;
      const problems = [
        ...checkCoverage(rows, product.terms, 'cashValues'),
        ...checkCashValueYears(rows, product.terms.coverageTermsYears),
      ];
      if (problems.length) throw new ProductInvalidError(problems, 'cash-value table');
      product.cashValues = rows;
      await m.save(product);
      return { rows: rows.length };
    });
  }

  async publish(
    productCode: string,
    version: number,
    effectiveFrom: string,
    ctx: RequestContext,
  ): Promise<ProductDefinition> {
    const now = this.clock.now();
    return transaction(this.dataSource, ctx, async (m) => {
      const product = await this.lockDraft(m, productCode, version);
      const problems: TableProblem[] = [];
      if (effectiveFrom < shanghaiDate(now)) {
        problems.push({
          pointer: '/effectiveFrom',
          rule: 'PRODUCT.EFFECTIVE_DATE',
          message: 'a version cannot take effect in the past',
        });
      }
      if (!product.rates)
        problems.push({
          pointer: '/rates',
          rule: 'PRODUCT.RATES_MISSING',
          message: 'upload the rate table first',
        });
      const longTerm = product.terms.coverageTermsYears.some((t) => t > 1);
      if (longTerm && !product.cashValues) {
        problems.push({
          pointer: '/cashValues',
          rule: 'PRODUCT.CASH_VALUES_MISSING',
          message: 'cover over one year needs a cash-value table',
        });
      }
      if (problems.length) throw new ProductInvalidError(problems);
      product.status = 'published';
      product.effectiveFrom = effectiveFrom;
      product.publishedAt = now;
      await m.save(product);
      const definition = toDefinition(product);
      await this.outbox.publish(m, {
        type: 'sales.product-published',
        aggregateId: product.productCode,
        payload: { product: definition, publishedAt: now.toISOString() },
      });
      return definition;
    });
  }

  /** The version on sale on a date: the latest published version already in force. */
  async current(productCode: string, on: string, manager: EntityManager = this.dataSource.manager) {
    const [row] = (await manager.query(
      `SELECT version FROM sales.product_version
       WHERE product_code = $1 AND status = 'published' AND effective_from <= $2
       ORDER BY effective_from DESC, version DESC LIMIT 1`,
      [productCode, on],
    )) as { version: number }[];
    const product = row ? await this.publishedVersion(manager, productCode, row.version) : null;
    if (!product) throw new ProductNotOnSaleError(productCode, on);
    return product;
  }

  /** A version as sold: published, read once per process (null for a version not published here). */
  publishedVersion(
    manager: EntityManager,
    productCode: string,
    version: number,
  ): Promise<ProductVersionEntity | null> {
    return this.published
      .get(manager, productCode, version)
      .then((p) => (p?.status === 'published' ? p : null));
  }

  /**
   * The versions on sale on a date, one per product. Only their keys are read: a published version never changes, so
   * its terms and tables (large JSON) come from the per-process cache above. A caller inside a transaction passes its
   * manager: a read on the pool from there would wait for a second connection while holding one, and with every
   * connection so held none would come (POST /recommendations did, and stalled until the pool's timeout under load).
   */
  async catalogue(
    on: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProductVersionEntity[]> {
    const keys = (await manager.query(
      `SELECT DISTINCT ON (product_code) product_code AS "productCode", version FROM sales.product_version
        WHERE status = 'published' AND effective_from <= $1
        ORDER BY product_code, effective_from DESC, version DESC`,
      [on],
    )) as { productCode: string; version: number }[];
    const versions = await Promise.all(
      keys.map((k) => this.publishedVersion(manager, k.productCode, k.version)),
    );
    return versions.filter((p): p is ProductVersionEntity => p !== null);
  }

  async versions(productCode: string): Promise<ProductVersionEntity[]> {
    return this.dataSource.manager.find(ProductVersionEntity, {
      where: { productCode },
      order: { version: 'ASC' },
    });
  }

  async find(productCode: string, version: number): Promise<ProductVersionEntity> {
    const product = await this.dataSource.manager.findOne(ProductVersionEntity, {
      where: { productCode, version },
    });
    if (!product) throw new ResourceNotFoundError('product', `${productCode} v${version}`);
    return product;
  }

  private async lockDraft(
    m: EntityManager,
    productCode: string,
    version: number,
  ): Promise<ProductVersionEntity> {
    const product = await m.findOne(ProductVersionEntity, {
      where: { productCode, version },
      lock: { mode: 'pessimistic_write' },
    });
    if (!product) throw new ResourceNotFoundError('product', `${productCode} v${version}`);
    if (product.status !== 'draft') {
      throw new ProductStateError(
        `${productCode} v${version} is published; create a new version to change it`,
        { productCode, version },
      );
    }
    return product;
  }
}

/** The rate table of a stored version, in the shape rating works with. */
export function rateTableOf(product: ProductVersionEntity): RateTable | null {
  return product.rates ? { ...product.terms.rating, rows: product.rates } : null;
}

/** The definition the contract publishes, checked against it so a bad one never leaves the service. */
export function toDefinition(product: ProductVersionEntity): ProductDefinition {
  const { rating, ...terms } = product.terms;
  return ProductDefinition.parse({
    ...terms,
    productId: product.productId,
    productCode: product.productCode,
    version: product.version,
    effectiveFrom: product.effectiveFrom,
    cashValues: product.cashValues ?? [],
    rates: product.rates ? { ...rating, rows: product.rates } : undefined,
  });
}

function unwrap<T>(
  parsed: { ok: true; rows: T[] } | { ok: false; problems: TableProblem[] },
  what: string,
): T[] {
  if (!parsed.ok) throw new ProductInvalidError(parsed.problems, what);
  return parsed.rows;
}
