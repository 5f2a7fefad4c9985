import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log refuses an entry that does not continue the chain: each new entry (one past the tip) must point at
 * the tip's hash, or at the entry before it in the same statement. With that check in the table, an append needs no
 * answer from Postgres (it goes with the transaction's next statement): a run holding an event the log already has
 * leaves that entry out (ON CONFLICT), the next entry then points at a hash the log does not hold, and the statement,
 * so the transaction, fails; the consumer then applies the run's events one at a time. An old entry written back (a
 * restore, at or below the tip) is not checked and still leaves the tip where it was.
 */
export class AuditChainContinues1765900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION compliance.audit_log_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        tip compliance.audit_tip%ROWTYPE;
        broken bigint;
      BEGIN
        SELECT * INTO tip FROM compliance.audit_tip FOR UPDATE;
        SELECT a.seq INTO broken
          FROM (SELECT seq, prev_hash, lag(hash, 1, tip.hash) OVER (ORDER BY seq) AS expected
                  FROM appended WHERE seq > tip.seq) a
         WHERE a.prev_hash IS DISTINCT FROM a.expected
         ORDER BY a.seq LIMIT 1;
        IF broken IS NOT NULL THEN
          RAISE EXCEPTION 'audit entry % does not continue the chain from its tip', broken
            USING ERRCODE = 'integrity_constraint_violation',
                  HINT = 'an event of the run is already in the audit log: append the events one at a time';
        END IF;
        -- Only forward: an old entry written back (a restore) leaves the tip at the newest entry.
        UPDATE compliance.audit_tip t SET seq = last.seq, hash = last.hash
          FROM (SELECT seq, hash FROM appended ORDER BY seq DESC LIMIT 1) last
         WHERE last.seq > t.seq;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION compliance.audit_log_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE compliance.audit_tip t SET seq = last.seq, hash = last.hash
          FROM (SELECT seq, hash FROM appended ORDER BY seq DESC LIMIT 1) last
         WHERE last.seq > t.seq;
        RETURN NULL;
      END $$`);
  }
}
