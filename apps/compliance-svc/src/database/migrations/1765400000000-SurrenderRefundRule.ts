import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insurance Law Art. 47 as a monitored rule: a surrender's cash value unpaid after its 30 days raises an alert. The
 * rule's row is written here as data (later versions go through the rules API), like the first rules were.
 */
export class SurrenderRefundRule1765400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `INSERT INTO compliance.rule_version
         (rule_id, version, kind, description, source, severity, effective_from, effective_to, parameters, created_by)
       VALUES ('SURRENDER_REFUND_LATE', 1, 'surrender_refund_late', 'The cash value of a surrender unpaid after 30 days',
               'Insurance Law Art. 47', 'high', '2024-03-01', NULL, '{}'::jsonb, 'migration')
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM compliance.rule_version WHERE rule_id = 'SURRENDER_REFUND_LATE'`);
  }
}
