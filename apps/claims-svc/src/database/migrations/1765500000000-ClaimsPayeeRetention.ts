import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure reaches claims' sealed payee data: a customer's erasure request is remembered, and a claim of theirs has
 * its payee name and account shredded once its retention (Art. 87, AML) ends; the masked display stays.
 */
export class ClaimsPayeeRetention1765500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claims.erasure_request (
        customer_id uuid PRIMARY KEY,
        requested_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE claims.claim ALTER COLUMN payee_account DROP NOT NULL`);
    await q.query(`ALTER TABLE claims.claim ADD COLUMN payee_shredded_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP COLUMN payee_shredded_at`);
    await q.query(`DROP TABLE claims.erasure_request`);
  }
}
