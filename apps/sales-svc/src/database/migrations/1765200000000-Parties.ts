import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The parties of a sale (domain.md "Parties"): a quote names the insured apart from the policyholder, with how they
 * stand to each other and the insured's consent; the policy replica keeps each policy's death benefit, which the
 * minors' cap adds up. Quotes made before it insured their customer; replica rows from before it count no death
 * benefit until contract-svc's events are replayed into a fresh replica (docs/services/sales-svc.md).
 */
export class Parties1765200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE sales.quote
       ADD COLUMN insured_id uuid,
       ADD COLUMN insured_relationship text NOT NULL DEFAULT 'self',
       ADD COLUMN insured_consent jsonb`,
    );
    await q.query(`UPDATE sales.quote SET insured_id = customer_id`);
    await q.query(`ALTER TABLE sales.quote ALTER COLUMN insured_id SET NOT NULL`);
    await q.query(
      `ALTER TABLE sales.policy_replica
       ADD COLUMN sum_insured_fen bigint NOT NULL DEFAULT 0,
       ADD COLUMN death_benefit_fen bigint NOT NULL DEFAULT 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE sales.policy_replica DROP COLUMN sum_insured_fen, DROP COLUMN death_benefit_fen`,
    );
    await q.query(
      `ALTER TABLE sales.quote DROP COLUMN insured_id, DROP COLUMN insured_relationship, DROP COLUMN insured_consent`,
    );
  }
}
