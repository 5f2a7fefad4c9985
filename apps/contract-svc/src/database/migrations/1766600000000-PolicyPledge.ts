import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The pledge to a third party standing on a policy (保单质押), while it stands. */
export class PolicyPledge1766600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy ADD COLUMN pledge jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy DROP COLUMN pledge`);
  }
}
