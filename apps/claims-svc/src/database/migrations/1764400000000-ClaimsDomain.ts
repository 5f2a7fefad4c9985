import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Product and policy replicas, claims with their documents and history, and the statutory timers, kept in Postgres so
 * they survive restarts.
 */
export class ClaimsDomain1764400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE claims.product_replica (
        product_code text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        PRIMARY KEY (product_code, version)
      )`);
    await q.query(`
      CREATE TABLE claims.policy_replica (
        policy_id uuid PRIMARY KEY,
        policyholder_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        product_code text NOT NULL,
        product_version integer NOT NULL,
        is_life boolean NOT NULL,
        sum_insured_fen bigint NOT NULL,
        effective_date date NOT NULL,
        expiry_date date NOT NULL,
        status text NOT NULL,
        ended_on date,
        suspensions jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE claims.claim (
        claim_id uuid PRIMARY KEY,
        policy_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        policyholder_id uuid NOT NULL,
        product_code text NOT NULL,
        claim_type text NOT NULL,
        coverage_code text NOT NULL,
        event_date date NOT NULL,
        description text NOT NULL,
        amount_claimed_fen bigint NOT NULL,
        payee_name text NOT NULL,
        payee_relationship text NOT NULL,
        payee_account bytea NOT NULL,
        payee_account_last4 text NOT NULL,
        status text NOT NULL,
        reported_at timestamptz NOT NULL,
        reported_by text NOT NULL,
        documents_requested_at timestamptz,
        documents_completed_at timestamptz,
        assessment jsonb,
        assessed_by text,
        decision text,
        decided_by text,
        decided_at timestamptz,
        approved_fen bigint,
        rejection_reasons jsonb,
        notice_sent_at timestamptz,
        paid_fen bigint NOT NULL DEFAULT 0,
        paid_at timestamptz
      )`);
    await q.query(`CREATE INDEX claim_policy ON claims.claim (policy_id)`);
    await q.query(`CREATE INDEX claim_insured ON claims.claim (insured_id)`);
    await q.query(`
      CREATE TABLE claims.claim_document (
        document_id uuid PRIMARY KEY,
        claim_id uuid NOT NULL REFERENCES claims.claim (claim_id),
        kind text NOT NULL,
        reference text NOT NULL,
        sha256 text NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_document_hash ON claims.claim_document (sha256)`);
    await q.query(`
      CREATE TABLE claims.claim_timer (
        claim_id uuid NOT NULL REFERENCES claims.claim (claim_id),
        kind text NOT NULL CHECK (kind IN ('decision', 'rejection_notice', 'payment', 'advance_payment')),
        started_on date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'warned', 'met', 'breached', 'cancelled')),
        amount_fen bigint,
        warned_at timestamptz,
        breached_at timestamptz,
        met_at timestamptz,
        PRIMARY KEY (claim_id, kind)
      )`);
    await q.query(
      `CREATE INDEX claim_timer_open ON claims.claim_timer (due_on) WHERE status IN ('pending', 'warned')`,
    );
    await q.query(`
      CREATE TABLE claims.claim_history (
        claim_id uuid NOT NULL REFERENCES claims.claim (claim_id),
        seq serial,
        at timestamptz NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (claim_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'claim_history',
      'claim_timer',
      'claim_document',
      'claim',
      'policy_replica',
      'product_replica',
    ]) {
      await q.query(`DROP TABLE IF EXISTS claims.${t}`);
    }
  }
}
