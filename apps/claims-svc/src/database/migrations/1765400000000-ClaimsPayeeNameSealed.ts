import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payee's name is sealed like the account (PIPL: a name with a bank account identifies a person). `payee_name`
 * keeps only the masked name shown in views. Rows written before this migration still hold the name in clear with no
 * seal: claims-svc seals them at start-up (PayeeNameSealing), since the key is the service's, not the database's.
 */
export class ClaimsPayeeNameSealed1765400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim ADD COLUMN payee_name_sealed bytea`);
    await q.query(
      `CREATE INDEX claim_payee_name_unsealed ON claims.claim (claim_id) WHERE payee_name_sealed IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX claims.claim_payee_name_unsealed`);
    await q.query(`ALTER TABLE claims.claim DROP COLUMN payee_name_sealed`);
  }
}
