import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each application was submitted, so a failed identity verification applied after the application (the two
 * come on different services' topics) still finds it for AML_IDENTITY_THEN_PURCHASE. Applications kept before this
 * have no date and are not looked for from a later failure; an application applied after its failure finds the
 * failure as before.
 */
export class ApplicationSubmittedAt1766000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.application_payer ADD COLUMN submitted_at timestamptz`);
    await q.query(
      `CREATE INDEX application_payer_policyholder ON compliance.application_payer (policyholder_id, submitted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX compliance.application_payer_policyholder`);
    await q.query(`ALTER TABLE compliance.application_payer DROP COLUMN submitted_at`);
  }
}
