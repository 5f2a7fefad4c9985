import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insurance Law Art. 47: the cash value of a surrender is paid within 30 days. The policy keeps what is owed, when it
 * falls due, and when it was paid or found late; the calendar sweeps the unpaid ones past their day.
 */
export class SurrenderRefunds1765400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy ADD COLUMN surrender_refund jsonb`);
    // Surrenders made before it keep no refund here: their payment was tracked outside the platform.
    await q.query(
      `CREATE INDEX policy_refund_unpaid ON contract.policy ((surrender_refund->>'dueOn'))
       WHERE surrender_refund IS NOT NULL AND surrender_refund->>'paidAt' IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contract.policy_refund_unpaid`);
    await q.query(`ALTER TABLE contract.policy DROP COLUMN surrender_refund`);
  }
}
