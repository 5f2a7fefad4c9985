import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A version made by a change of policyholder keeps the new policyholder's signature to it (Art. 34). */
export class PolicyholderChange1766500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy_version ADD COLUMN signature jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy_version DROP COLUMN signature`);
  }
}
