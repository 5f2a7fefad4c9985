import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable } from '@insurer/platform-database';

/**
 * Products and their tables, salespeople, the customer and policy replicas sales needs, suitability records, quotes,
 * applications, return visits and the pipeline.
 */
export class SalesDomain1764200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sales.product_version (
        product_id uuid NOT NULL UNIQUE,
        product_code text NOT NULL,
        version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        terms jsonb NOT NULL,
        rates jsonb,
        cash_values jsonb,
        effective_from date,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        published_at timestamptz,
        PRIMARY KEY (product_code, version)
      )`);
    await q.query(`
      CREATE TABLE sales.customer_facts (
        customer_id uuid PRIMARY KEY,
        customer_type text NOT NULL,
        gender text,
        birth_date date,
        occupation_class integer,
        annual_income_fen bigint,
        household_income_fen bigint,
        existing_cover_fen bigint,
        dependants integer,
        risk_level text,
        risk_valid_until date,
        identity_verified boolean NOT NULL DEFAULT false,
        agent_id text,
        erased boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sales.salesperson (
        salesperson_id text PRIMARY KEY,
        name text NOT NULL,
        grade text CHECK (grade IN ('G1', 'G2', 'G3')),
        licence_number text,
        licence_valid_until date,
        training_year integer NOT NULL,
        training_hours numeric(5, 1) NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('active', 'suspended', 'departed')),
        departed_on date,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sales.policy_replica (
        policy_id uuid PRIMARY KEY,
        application_id uuid NOT NULL,
        policyholder_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        product_code text NOT NULL,
        product_type text NOT NULL,
        salesperson_id text NOT NULL,
        coverage_term_years integer NOT NULL,
        effective_date date NOT NULL,
        cooling_off_ends_on date NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX policy_replica_insured ON sales.policy_replica (insured_id)`);
    await q.query(`CREATE INDEX policy_replica_salesperson ON sales.policy_replica (salesperson_id)`);
    await q.query(`
      CREATE TABLE sales.departure_notice (
        notice_id uuid PRIMARY KEY,
        salesperson_id text NOT NULL REFERENCES sales.salesperson (salesperson_id),
        customer_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        due_on date NOT NULL,
        sent_at timestamptz,
        UNIQUE (salesperson_id, policy_id)
      )`);
    await q.query(`
      CREATE TABLE sales.suitability_record (
        assessment_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        product_code text NOT NULL,
        stage text NOT NULL CHECK (stage IN ('check', 'quote', 'application')),
        outcome text NOT NULL,
        reasons jsonb NOT NULL,
        salesperson_id text NOT NULL,
        assessed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sales.quote (
        quote_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        product_code text NOT NULL,
        product_version integer NOT NULL,
        sum_insured_fen bigint NOT NULL,
        annual_premium_fen bigint NOT NULL,
        premium_fen bigint NOT NULL,
        payment_mode text NOT NULL,
        payment_term_years integer NOT NULL,
        coverage_term_years integer NOT NULL,
        entry_age integer NOT NULL,
        occupation_class integer NOT NULL,
        salesperson_id text NOT NULL,
        channel text NOT NULL,
        suitability_outcome text NOT NULL,
        acknowledgement jsonb,
        valid_until date NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sales.application (
        application_id uuid PRIMARY KEY,
        quote_id uuid NOT NULL UNIQUE REFERENCES sales.quote (quote_id),
        policyholder_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        payer_id uuid NOT NULL,
        payer_relationship text NOT NULL,
        salesperson_id text NOT NULL,
        health_answers jsonb NOT NULL,
        height_cm numeric,
        weight_kg numeric,
        beneficiaries jsonb NOT NULL,
        signature jsonb NOT NULL,
        dual_recording jsonb,
        recording_retained_until date,
        status text NOT NULL CHECK (status IN ('submitted', 'issued', 'declined', 'withdrawn')),
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE sales.return_visit (
        visit_id uuid PRIMARY KEY,
        policy_id uuid NOT NULL UNIQUE,
        customer_id uuid NOT NULL,
        salesperson_id text NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'completed', 'overdue')),
        reached boolean,
        identity_confirmed boolean,
        terms_understood boolean,
        wants_to_withdraw boolean,
        notes text,
        scheduled_at timestamptz NOT NULL,
        completed_at timestamptz,
        overdue_at timestamptz
      )`);
    await q.query(`CREATE INDEX return_visit_due ON sales.return_visit (due_on) WHERE status = 'scheduled'`);
    await q.query(`
      CREATE TABLE sales.pipeline_entry (
        entry_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        salesperson_id text NOT NULL,
        product_code text,
        stage text NOT NULL CHECK (stage IN ('lead', 'needs_analysed', 'quoted', 'applied', 'issued', 'declined', 'withdrawn')),
        quote_id uuid,
        application_id uuid,
        policy_id uuid,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pipeline_salesperson ON sales.pipeline_entry (salesperson_id, stage)`);
    await q.query(
      `CREATE UNIQUE INDEX pipeline_quote ON sales.pipeline_entry (quote_id) WHERE quote_id IS NOT NULL`,
    );
    await createIdempotencyTable(q, 'sales');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_key',
      'pipeline_entry',
      'return_visit',
      'application',
      'quote',
      'suitability_record',
      'departure_notice',
      'policy_replica',
      'salesperson',
      'customer_facts',
      'product_version',
    ]) {
      await q.query(`DROP TABLE IF EXISTS sales.${table}`);
    }
  }
}
