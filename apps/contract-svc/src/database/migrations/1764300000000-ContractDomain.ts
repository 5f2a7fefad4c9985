import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Product replicas, underwriting cases with their offers, policies and their versions, premiums, signatures and the
 * document archive.
 */
export class ContractDomain1764300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contract.product_replica (
        product_code text NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (product_code, version)
      )`);
    await q.query(`
      CREATE TABLE contract.underwriting_case (
        application_id uuid PRIMARY KEY,
        application jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('referred', 'assigned', 'decided')),
        decision text CHECK (decision IN ('accept', 'accept_with_loading', 'accept_with_exclusion', 'decline')),
        loading_percent numeric,
        exclusions text[] NOT NULL DEFAULT '{}',
        reasons jsonb NOT NULL DEFAULT '[]',
        auto_reasons jsonb NOT NULL DEFAULT '[]',
        assignee text,
        decided_by text,
        decided_at timestamptz,
        offer_status text CHECK (offer_status IN ('awaiting', 'issued', 'declined')),
        offer_premium_fen bigint,
        confirmation jsonb,
        first_payment jsonb,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX underwriting_queue ON contract.underwriting_case (created_at) WHERE status IN ('referred', 'assigned')`,
    );
    await q.query(`CREATE SEQUENCE contract.policy_number_seq`);
    await q.query(`
      CREATE TABLE contract.policy (
        policy_id uuid PRIMARY KEY,
        policy_number text NOT NULL UNIQUE,
        application_id uuid NOT NULL UNIQUE REFERENCES contract.underwriting_case (application_id),
        product_code text NOT NULL,
        product_version integer NOT NULL,
        product_type text NOT NULL,
        is_life boolean NOT NULL,
        policyholder_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        payer_id uuid NOT NULL,
        salesperson_id text NOT NULL,
        channel text NOT NULL,
        status text NOT NULL CHECK (status IN ('in_force', 'suspended', 'withdrawn', 'surrendered', 'terminated')),
        version integer NOT NULL,
        sum_insured_fen bigint NOT NULL,
        annual_premium_fen bigint NOT NULL,
        premium_fen bigint NOT NULL,
        payment_mode text NOT NULL,
        payment_term_years integer NOT NULL,
        coverage_term_years integer NOT NULL,
        entry_age integer NOT NULL,
        insured_gender text NOT NULL,
        loading_percent numeric,
        exclusions text[] NOT NULL,
        beneficiaries jsonb NOT NULL,
        contact jsonb,
        effective_date date NOT NULL,
        expiry_date date NOT NULL,
        cooling_off_ends_on date NOT NULL,
        instalments_paid integer NOT NULL,
        total_instalments integer NOT NULL,
        next_due_on date,
        premiums_paid_fen bigint NOT NULL,
        overdue_since date,
        grace_ends_on date,
        lapsed_on date,
        reinstatable_until date,
        ended_on date,
        end_reason text,
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX policy_due ON contract.policy (next_due_on) WHERE status = 'in_force'`);
    await q.query(
      `CREATE INDEX policy_grace ON contract.policy (grace_ends_on) WHERE status = 'in_force' AND grace_ends_on IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE contract.policy_version (
        policy_id uuid NOT NULL REFERENCES contract.policy (policy_id),
        version integer NOT NULL,
        kind text NOT NULL,
        snapshot jsonb NOT NULL,
        premium_effect_fen bigint NOT NULL,
        effective_date date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (policy_id, version)
      )`);
    await q.query(`
      CREATE TABLE contract.premium_payment (
        payment_id uuid PRIMARY KEY,
        application_id uuid NOT NULL,
        policy_id uuid,
        amount_fen bigint NOT NULL,
        due_on date NOT NULL,
        paid_at timestamptz NOT NULL,
        method text NOT NULL,
        payer_id uuid NOT NULL,
        payer_type text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('first', 'renewal', 'arrears'))
      )`);
    await q.query(`
      CREATE TABLE contract.signature (
        signature_id uuid PRIMARY KEY,
        application_id uuid NOT NULL,
        purpose text NOT NULL,
        signed_by uuid NOT NULL,
        signed_at timestamptz NOT NULL,
        document_sha256 text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE contract.document (
        document_id uuid PRIMARY KEY,
        policy_id uuid NOT NULL REFERENCES contract.policy (policy_id),
        kind text NOT NULL,
        media_type text NOT NULL,
        content text NOT NULL,
        sha256 text NOT NULL,
        archived_at timestamptz NOT NULL,
        retain_until date NOT NULL,
        integrity_failed_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'document',
      'signature',
      'premium_payment',
      'policy_version',
      'policy',
      'underwriting_case',
      'product_replica',
    ]) {
      await q.query(`DROP TABLE IF EXISTS contract.${t}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS contract.policy_number_seq`);
  }
}
