import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The date of the demand notice (催告) for an overdue premium: from it, grace ends 30 days later at the latest. */
export class DemandNotice1765100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy ADD COLUMN demand_notice_on date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy DROP COLUMN demand_notice_on`);
  }
}
