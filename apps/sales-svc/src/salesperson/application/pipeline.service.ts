import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RowWriter, queueWrite } from '@insurer/platform-database';
import { Clock } from '@insurer/platform-time';
import { PipelineEntryEntity } from '../infrastructure/salesperson.entity';

type Stage = PipelineEntryEntity['stage'];
/** A customer's entry with a salesperson before any quote: a lead, or a needs analysis. */
export type OpenLead = { readonly entryId: string; readonly stage: 'lead' | 'needs_analysed' };
const STAGES: Stage[] = ['lead', 'needs_analysed', 'quoted', 'applied', 'issued', 'declined', 'withdrawn'];

/**
 * The sales pipeline: lead, needs analysed, quoted, applied, then issued, declined or withdrawn. Each quote is one
 * entry that moves forward; leads and needs analyses are per customer and salesperson until a quote is made.
 */
@Injectable()
export class PipelineService {
  // Its writes wait for nothing: each goes with the transaction's next statement or its COMMIT.
  private readonly entries: RowWriter<PipelineEntryEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.entries = new RowWriter(dataSource, PipelineEntryEntity);
  }

  /**
   * The customer's open lead or needs analysis with this salesperson, if any: one plain read by the pipeline's own
   * index, so a caller can issue it together with its other reads.
   */
  async openLead(m: EntityManager, customerId: string, salespersonId: string): Promise<OpenLead | undefined> {
    const [open] = (await m.query(
      `SELECT entry_id AS "entryId", stage FROM sales.pipeline_entry
        WHERE customer_id = $1 AND salesperson_id = $2 AND quote_id IS NULL AND stage IN ('lead', 'needs_analysed')
        LIMIT 1`,
      [customerId, salespersonId],
    )) as OpenLead[];
    return open;
  }

  /**
   * Records a lead, or moves the customer's open lead (as `openLead` read it) on to "needs analysed". The write waits
   * for nothing: it goes with the transaction's next statement or its COMMIT.
   */
  async touchLead(
    m: EntityManager,
    open: OpenLead | undefined,
    customerId: string,
    salespersonId: string,
    stage: OpenLead['stage'],
  ) {
    if (!open) {
      await this.entries.write(m, [this.entry(customerId, salespersonId, stage)]);
    } else if (open.stage === 'lead' && stage === 'needs_analysed') {
      // The two columns that change (the entry is not locked: a quote may be turning it at the same moment).
      await queueWrite(
        m,
        `UPDATE sales.pipeline_entry SET stage = $2, updated_at = $3 WHERE entry_id = $1 AND stage = 'lead'`,
        [open.entryId, stage, this.clock.now()],
      );
    }
  }

  /**
   * A quote turns the customer's open lead (if any) into a quoted entry, or starts one: one statement, since this
   * runs on every quote (the lead is locked while it is turned, as two quotes at once must not both take it).
   */
  async quoted(
    m: EntityManager,
    customerId: string,
    salespersonId: string,
    productCode: string,
    quoteId: string,
  ) {
    const now = this.clock.now();
    await queueWrite(
      m,
      `WITH lead AS (
         SELECT entry_id FROM sales.pipeline_entry
         WHERE customer_id = $1 AND salesperson_id = $2 AND stage IN ('lead', 'needs_analysed') AND quote_id IS NULL
         LIMIT 1 FOR UPDATE
       ), turned AS (
         UPDATE sales.pipeline_entry p SET stage = 'quoted', product_code = $3, quote_id = $4, updated_at = $5
         FROM lead WHERE p.entry_id = lead.entry_id RETURNING p.entry_id
       )
       INSERT INTO sales.pipeline_entry
         (entry_id, customer_id, salesperson_id, product_code, stage, quote_id, application_id, policy_id, updated_at)
       SELECT $6, $1, $2, $3, 'quoted', $4, NULL, NULL, $5 WHERE NOT EXISTS (SELECT 1 FROM turned)`,
      [customerId, salespersonId, productCode, quoteId, now, randomUUID()],
    );
  }

  async advance(
    m: EntityManager,
    where: { quoteId?: string; applicationId?: string; policyId?: string },
    stage: Stage,
    ids: { applicationId?: string; policyId?: string } = {},
  ) {
    // One statement without the query builder: this runs on every quote, application and issue.
    const [column, value] = where.quoteId
      ? ['quote_id', where.quoteId]
      : where.applicationId
        ? ['application_id', where.applicationId]
        : ['policy_id', where.policyId];
    await queueWrite(
      m,
      `UPDATE sales.pipeline_entry SET stage = $2, application_id = COALESCE($3, application_id),
         policy_id = COALESCE($4, policy_id), updated_at = $5
       WHERE ${column} = $1`,
      [value, stage, ids.applicationId ?? null, ids.policyId ?? null, this.clock.now()],
    );
  }

  /** Moves the entries of applications whose policies were issued (a run of policy-issued events) to "issued". */
  async issued(m: EntityManager, policies: readonly { applicationId: string; policyId: string }[]) {
    if (policies.length === 0) return;
    await queueWrite(
      m,
      `UPDATE sales.pipeline_entry p SET stage = 'issued', policy_id = v.policy_id, updated_at = $3
       FROM (SELECT DISTINCT ON (a) a, pol AS policy_id FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS x(a, pol, n)
             ORDER BY a, n DESC) v
       WHERE p.application_id = v.a`,
      [policies.map((p) => p.applicationId), policies.map((p) => p.policyId), this.clock.now()],
    );
  }

  /** Counts per stage and the quote-to-policy conversion of one salesperson. */
  async summary(salespersonId: string) {
    const rows: { stage: Stage; count: string }[] = await this.dataSource.manager.query(
      `SELECT stage, count(*) AS count FROM sales.pipeline_entry WHERE salesperson_id = $1 GROUP BY stage`,
      [salespersonId],
    );
    const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
    for (const r of rows) byStage[r.stage] = Number(r.count);
    // Every entry past "quoted" was quoted once.
    const quoted = byStage.quoted + byStage.applied + byStage.issued + byStage.declined + byStage.withdrawn;
    const issued = byStage.issued + byStage.withdrawn;
    return {
      salespersonId,
      stages: byStage,
      quoteToPolicyConversion: quoted ? Math.round((issued / quoted) * 1000) / 1000 : null,
    };
  }

  private entry(customerId: string, salespersonId: string, stage: Stage): PipelineEntryEntity {
    return {
      entryId: randomUUID(),
      customerId,
      salespersonId,
      productCode: null,
      stage,
      quoteId: null,
      applicationId: null,
      policyId: null,
      updatedAt: this.clock.now(),
    };
  }
}
