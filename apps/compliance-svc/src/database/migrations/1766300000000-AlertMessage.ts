import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an alert says as a text's code and values (`{ code, values, parts? }`), so the alert API words it in the
 * reader's language. Alerts raised before this have none and show their English summary.
 */
export class AlertMessage1766300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.alert ADD COLUMN message jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.alert DROP COLUMN message`);
  }
}
