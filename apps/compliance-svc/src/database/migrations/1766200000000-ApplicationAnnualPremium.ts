import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each application's premium for a year, so AML_PREMIUM_OVER_INCOME can judge an application applied before its
 * policyholder's registration (the income they declared; it comes on customer-svc's topic, in no set order with
 * sales-svc's) when the registration is applied. Applications kept before this have none and are not judged again.
 */
export class ApplicationAnnualPremium1766200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.application_payer ADD COLUMN annual_premium_fen bigint`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.application_payer DROP COLUMN annual_premium_fen`);
  }
}
