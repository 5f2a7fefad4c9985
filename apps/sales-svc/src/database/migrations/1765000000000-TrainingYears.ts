import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training hours kept per calendar year instead of for the current year only: authority in a year rests on the year
 * before (docs/services/sales-svc.md), so a new year must not wipe the last one.
 */
export class TrainingYears1765000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE sales.salesperson ADD COLUMN training_hours_by_year jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    await q.query(
      `UPDATE sales.salesperson
       SET training_hours_by_year = jsonb_build_object(training_year::text, training_hours::float)
       WHERE training_hours > 0`,
    );
    await q.query(`ALTER TABLE sales.salesperson DROP COLUMN training_year, DROP COLUMN training_hours`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE sales.salesperson
       ADD COLUMN training_year integer NOT NULL DEFAULT extract(year FROM now() AT TIME ZONE 'Asia/Shanghai'),
       ADD COLUMN training_hours numeric(5, 1) NOT NULL DEFAULT 0`,
    );
    await q.query(
      `UPDATE sales.salesperson SET training_hours = COALESCE((training_hours_by_year ->> training_year::text)::numeric, 0)`,
    );
    await q.query(`ALTER TABLE sales.salesperson DROP COLUMN training_hours_by_year`);
  }
}
