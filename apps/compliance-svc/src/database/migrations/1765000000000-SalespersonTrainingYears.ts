import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The salesperson replica keeps training hours per year, as sales-svc now announces them. */
export class SalespersonTrainingYears1765000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE compliance.salesperson_state
       ADD COLUMN training_hours_by_year jsonb NOT NULL DEFAULT '{}'::jsonb,
       ADD COLUMN service_started_on date`,
    );
    // What was known: the hours of the year the replica was last updated in.
    await q.query(
      `UPDATE compliance.salesperson_state
       SET training_hours_by_year = jsonb_build_object(
         extract(year FROM updated_at AT TIME ZONE 'Asia/Shanghai')::int::text, training_hours::float)`,
    );
    await q.query(`ALTER TABLE compliance.salesperson_state DROP COLUMN training_hours`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE compliance.salesperson_state ADD COLUMN training_hours numeric NOT NULL DEFAULT 0`,
    );
    await q.query(
      `ALTER TABLE compliance.salesperson_state DROP COLUMN training_hours_by_year, DROP COLUMN service_started_on`,
    );
  }
}
