import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure that keeps what the law requires (PIPL Art. 47): a customer can be `restricted` (stored, not processed)
 * until the last retention period ends, with the date and its grounds; policies keep the day they ended, from which
 * the periods run. Policies that ended before this migration take the day their row last changed.
 */
export class CustomerRetention1765400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer.customer DROP CONSTRAINT customer_status_check`);
    await q.query(
      `ALTER TABLE customer.customer ADD CONSTRAINT customer_status_check
         CHECK (status IN ('active', 'restricted', 'erased'))`,
    );
    await q.query(`
      ALTER TABLE customer.customer
        ADD COLUMN restricted_at timestamptz,
        ADD COLUMN retained_until date,
        ADD COLUMN retention jsonb`);
    await q.query(
      `CREATE INDEX customer_restricted ON customer.customer (customer_id) WHERE status = 'restricted'`,
    );
    await q.query(`ALTER TABLE customer.policy_view ADD COLUMN ended_on date`);
    await q.query(`
      UPDATE customer.policy_view SET ended_on = (updated_at AT TIME ZONE 'Asia/Shanghai')::date
       WHERE status IN ('withdrawn', 'surrendered', 'terminated')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE customer.policy_view DROP COLUMN ended_on`);
    await q.query(`DROP INDEX customer.customer_restricted`);
    await q.query(`
      ALTER TABLE customer.customer
        DROP COLUMN restricted_at, DROP COLUMN retained_until, DROP COLUMN retention`);
    await q.query(`ALTER TABLE customer.customer DROP CONSTRAINT customer_status_check`);
    await q.query(
      `ALTER TABLE customer.customer ADD CONSTRAINT customer_status_check CHECK (status IN ('active', 'erased'))`,
    );
  }
}
