import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pipeline moves an entry on by its application (applied, issued, declined) and by its policy (withdrawn); with
 * only the salesperson and quote indexes each of those was a scan of every entry (pg_stat_user_tables in the bench).
 */
export class PipelineLookups1765600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX pipeline_application ON sales.pipeline_entry (application_id) WHERE application_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX pipeline_policy ON sales.pipeline_entry (policy_id) WHERE policy_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX sales.pipeline_policy`);
    await q.query(`DROP INDEX sales.pipeline_application`);
  }
}
