import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Complaints about a policy, which keep the recording of its sale until 2 years after they are resolved. */
export class PolicyDisputes1765400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sales.policy_dispute (
        ticket_id uuid PRIMARY KEY,
        policy_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        resolved_on date
      )`);
    await q.query(`CREATE INDEX policy_dispute_policy ON sales.policy_dispute (policy_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sales.policy_dispute`);
  }
}
