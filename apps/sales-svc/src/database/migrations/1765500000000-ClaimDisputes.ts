import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Claim disputes hold a sale's recording as complaints do: the dispute table keys either by its ticket or claim. */
export class ClaimDisputes1765500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sales.policy_dispute RENAME COLUMN ticket_id TO dispute_id`);
    await q.query(
      `ALTER TABLE sales.policy_dispute ADD COLUMN kind text NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'claim'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sales.policy_dispute DROP COLUMN kind`);
    await q.query(`ALTER TABLE sales.policy_dispute RENAME COLUMN dispute_id TO ticket_id`);
  }
}
