import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a claim's standing against its statutory deadlines needs (Insurance Law Arts. 23-25): the decision (approve or
 * reject), the day the 30-day decision period ends (from the documents-completed event) and the day payment is due
 * (10 days after an approval). Rows projected before this migration get them on the next rebuild.
 */
export class AnalyticsClaimDeadlines1764900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE analytics.p_claim
        ADD COLUMN decision text CHECK (decision IN ('approve', 'reject')),
        ADD COLUMN decision_due_on date,
        ADD COLUMN payment_due_on date`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE analytics.p_claim DROP COLUMN decision, DROP COLUMN decision_due_on, DROP COLUMN payment_due_on`,
    );
  }
}
