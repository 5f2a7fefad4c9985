import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every alert names the legal source of the rule version that raised it; earlier alerts take it from their version. */
export class AlertSource1765600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.alert ADD COLUMN source text`);
    await q.query(`
      UPDATE compliance.alert a SET source = r.source
        FROM compliance.rule_version r WHERE r.rule_id = a.rule_id AND r.version = a.rule_version`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.alert DROP COLUMN source`);
  }
}
