import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Policy loans (domain.md "Policy loans"): the loan outstanding on a policy, checked daily against its cash value. */
export class PolicyLoans1765200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy ADD COLUMN loan jsonb`);
    // The daily check reads only policies with a loan.
    await q.query(`CREATE INDEX policy_with_loan ON contract.policy (policy_id) WHERE loan IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contract.policy_with_loan`);
    await q.query(`ALTER TABLE contract.policy DROP COLUMN loan`);
  }
}
