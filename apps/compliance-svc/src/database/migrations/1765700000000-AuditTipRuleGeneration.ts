import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain's tip in a row of its own, which each appending transaction locks and reads in one statement
 * (instead of an advisory lock and a read of the log's last entry); a trigger moves it to the newest entry with every
 * insert into the log, whoever writes. And a counter of the rule table's changes, moved by a trigger on every write to that table, so a
 * process can keep the table between transactions and read it again only when the counter moved.
 */
export class AuditTipRuleGeneration1765700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance.audit_tip (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        seq bigint NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`
      INSERT INTO compliance.audit_tip (seq, hash)
      SELECT coalesce(max(seq), 0),
             coalesce((SELECT hash FROM compliance.audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64))
        FROM compliance.audit_log`);
    await q.query(`
      CREATE FUNCTION compliance.audit_log_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Only forward: an old entry written back (a restore) leaves the tip at the newest entry.
        UPDATE compliance.audit_tip t SET seq = last.seq, hash = last.hash
          FROM (SELECT seq, hash FROM appended ORDER BY seq DESC LIMIT 1) last
         WHERE last.seq > t.seq;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_appended AFTER INSERT ON compliance.audit_log
      REFERENCING NEW TABLE AS appended FOR EACH STATEMENT EXECUTE FUNCTION compliance.audit_log_appended()`);
    await q.query(`
      CREATE TABLE compliance.rule_generation (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        generation bigint NOT NULL
      )`);
    await q.query(`INSERT INTO compliance.rule_generation (generation) VALUES (1)`);
    await q.query(`
      CREATE FUNCTION compliance.rule_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE compliance.rule_generation SET generation = generation + 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER rule_table_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON compliance.rule_version
      FOR EACH STATEMENT EXECUTE FUNCTION compliance.rule_table_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER rule_table_changed ON compliance.rule_version`);
    await q.query(`DROP FUNCTION compliance.rule_table_changed()`);
    await q.query(`DROP TABLE compliance.rule_generation`);
    await q.query(`DROP TRIGGER audit_log_appended ON compliance.audit_log`);
    await q.query(`DROP FUNCTION compliance.audit_log_appended()`);
    await q.query(`DROP TABLE compliance.audit_tip`);
  }
}
