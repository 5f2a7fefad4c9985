import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The policy loan outstanding, replicated from contract-svc's events: a claim deducts it with its interest. */
export class ClaimsPolicyLoans1765300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.policy_replica ADD COLUMN loan jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.policy_replica DROP COLUMN loan`);
  }
}
