import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customers, their consents, assessments and identity checks, service tickets, surveys, staff training, and the
 * policy and claim replicas behind the 360 view. Personal data lives only in `profile` and `health_declaration`,
 * sealed under the customer's data key in `data_key`; `id_lookup` is a keyed hash, never the ID number itself.
 */
export class CustomerDomain1764100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer.customer (
        customer_id uuid PRIMARY KEY,
        customer_type text NOT NULL CHECK (customer_type IN ('individual', 'corporate')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'erased')),
        version integer NOT NULL,
        id_lookup bytea UNIQUE,
        profile bytea,
        health_declaration bytea,
        collected_for text[] NOT NULL,
        identity_status text NOT NULL DEFAULT 'unverified'
          CHECK (identity_status IN ('unverified', 'verified', 'rejected')),
        risk_level text,
        risk_valid_until date,
        retained jsonb,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        erased_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE customer.data_key (
        customer_id uuid PRIMARY KEY REFERENCES customer.customer (customer_id),
        wrapped bytea NOT NULL,
        master_key_id text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer.profile_version (
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        version integer NOT NULL,
        changed_fields text[] NOT NULL,
        changes bytea,
        reason text NOT NULL,
        purpose text NOT NULL,
        actor text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (customer_id, version)
      )`);
    await q.query(`
      CREATE TABLE customer.consent (
        consent_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        purpose text NOT NULL,
        notice_version text NOT NULL,
        channel text NOT NULL,
        granted_by text NOT NULL,
        granted_at timestamptz NOT NULL,
        withdrawn_at timestamptz
      )`);
    await q.query(
      `CREATE UNIQUE INDEX consent_active ON customer.consent (customer_id, purpose) WHERE withdrawn_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE customer.risk_assessment (
        assessment_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        answers jsonb NOT NULL,
        score integer NOT NULL,
        level text NOT NULL,
        assessed_at timestamptz NOT NULL,
        valid_until date NOT NULL,
        actor text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX risk_assessment_customer ON customer.risk_assessment (customer_id, assessed_at)`,
    );
    await q.query(`
      CREATE TABLE customer.identity_verification (
        verification_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        status text NOT NULL CHECK (status IN ('code_sent', 'verified', 'rejected')),
        code_hash bytea,
        attempts integer NOT NULL DEFAULT 0,
        expires_at timestamptz,
        checks text[] NOT NULL,
        reasons jsonb NOT NULL DEFAULT '[]',
        started_by text NOT NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE customer.data_access (
        access_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        actor text NOT NULL,
        roles text[] NOT NULL,
        fields text[] NOT NULL,
        purpose text NOT NULL,
        accessed_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer.ticket (
        ticket_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        kind text NOT NULL CHECK (kind IN ('inquiry', 'change_request', 'complaint')),
        status text NOT NULL CHECK (status IN ('open', 'assigned', 'resolved', 'closed')),
        category text NOT NULL,
        subject text NOT NULL,
        description text NOT NULL,
        policy_id uuid,
        salesperson_id text,
        assignee text,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL,
        due_on date,
        deadline_stage text CHECK (deadline_stage IN ('standard', 'extended', 'further_extended')),
        breached_at timestamptz,
        resolution text,
        resolved_at timestamptz
      )`);
    await q.query(`CREATE INDEX ticket_customer ON customer.ticket (customer_id)`);
    // The deadline sweep reads only open complaints that have not been reported as breached yet.
    await q.query(
      `CREATE INDEX ticket_open_complaints ON customer.ticket (due_on) WHERE kind = 'complaint' AND resolved_at IS NULL AND breached_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE customer.ticket_note (
        note_id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES customer.ticket (ticket_id),
        kind text NOT NULL CHECK (kind IN ('comment', 'feedback', 'improvement', 'extension')),
        text text NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer.survey (
        survey_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customer (customer_id),
        trigger text NOT NULL CHECK (trigger IN ('policy_issued', 'claim_paid', 'ticket')),
        policy_id uuid,
        claim_id uuid,
        ticket_id uuid,
        product_code text,
        salesperson_id text,
        sent_at timestamptz NOT NULL,
        answered_at timestamptz,
        csat integer CHECK (csat BETWEEN 1 AND 5),
        nps integer CHECK (nps BETWEEN 0 AND 10),
        comment text,
        UNIQUE (trigger, policy_id, claim_id, ticket_id)
      )`);
    await q.query(`CREATE INDEX survey_customer ON customer.survey (customer_id)`);
    await q.query(`
      CREATE TABLE customer.staff_member (
        staff_id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer.training_record (
        record_id uuid PRIMARY KEY,
        staff_id text NOT NULL REFERENCES customer.staff_member (staff_id),
        topic text NOT NULL,
        hours numeric(5, 1) NOT NULL CHECK (hours > 0),
        completed_on date NOT NULL,
        assessment_score integer CHECK (assessment_score BETWEEN 0 AND 100),
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE customer.quality_review (
        review_id uuid PRIMARY KEY,
        staff_id text NOT NULL REFERENCES customer.staff_member (staff_id),
        ticket_id uuid REFERENCES customer.ticket (ticket_id),
        score integer NOT NULL CHECK (score BETWEEN 0 AND 100),
        reviewer text NOT NULL,
        reviewed_on date NOT NULL,
        notes text
      )`);
    await q.query(`
      CREATE TABLE customer.policy_view (
        policy_id uuid PRIMARY KEY,
        policy_number text NOT NULL,
        policyholder_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        product_code text NOT NULL,
        product_type text NOT NULL,
        status text NOT NULL,
        premium_fen bigint NOT NULL,
        sum_insured_fen bigint NOT NULL,
        effective_date date NOT NULL,
        expiry_date date NOT NULL,
        salesperson_id text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX policy_view_holder ON customer.policy_view (policyholder_id)`);
    await q.query(`CREATE INDEX policy_view_insured ON customer.policy_view (insured_id)`);
    await q.query(`
      CREATE TABLE customer.claim_view (
        claim_id uuid PRIMARY KEY,
        policy_id uuid NOT NULL,
        insured_id uuid NOT NULL,
        claim_type text NOT NULL,
        status text NOT NULL,
        amount_claimed_fen bigint NOT NULL,
        amount_paid_fen bigint,
        reported_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX claim_view_insured ON customer.claim_view (insured_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'claim_view',
      'policy_view',
      'quality_review',
      'training_record',
      'staff_member',
      'survey',
      'ticket_note',
      'ticket',
      'data_access',
      'identity_verification',
      'risk_assessment',
      'consent',
      'profile_version',
      'data_key',
      'customer',
    ]) {
      await q.query(`DROP TABLE IF EXISTS customer.${table}`);
    }
  }
}
