import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_RULES } from '../../monitoring/domain/default-rules';

/**
 * Rule versions (seeded with version 1 of each rule), alerts and cases, risk scores, the hash-chained audit log, the
 * AML transaction register, and the window state rules keep between events.
 */
export class ComplianceDomain1764500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance.rule_version (
        rule_id text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        description text NOT NULL,
        source text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
        effective_from date NOT NULL,
        effective_to date,
        parameters jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rule_id, version)
      )`);
    for (const r of DEFAULT_RULES) {
      await q.query(
        `INSERT INTO compliance.rule_version (rule_id, version, kind, description, source, severity, effective_from, effective_to, parameters, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'migration')`,
        [
          r.ruleId,
          r.version,
          r.kind,
          r.description,
          r.source,
          r.severity,
          r.effectiveFrom,
          r.effectiveTo,
          JSON.stringify(r.parameters),
        ],
      );
    }
    await q.query(`
      CREATE TABLE compliance.compliance_case (
        case_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('open', 'investigating', 'escalated', 'closed')),
        severity text NOT NULL,
        assignee text,
        opened_at timestamptz NOT NULL,
        escalated_at timestamptz,
        closed_at timestamptz,
        closed_by text,
        resolution text
      )`);
    await q.query(`
      CREATE TABLE compliance.alert (
        alert_id uuid PRIMARY KEY,
        rule_id text NOT NULL,
        rule_version integer NOT NULL,
        severity text NOT NULL,
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        summary text NOT NULL,
        evidence_event_ids uuid[] NOT NULL,
        dedupe_key text NOT NULL UNIQUE,
        raised_at timestamptz NOT NULL,
        case_id uuid REFERENCES compliance.compliance_case (case_id)
      )`);
    await q.query(`CREATE INDEX alert_subject ON compliance.alert (subject_kind, subject_id, raised_at)`);
    await q.query(`CREATE INDEX alert_rule ON compliance.alert (rule_id, raised_at)`);
    await q.query(`
      CREATE TABLE compliance.case_comment (
        comment_id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES compliance.compliance_case (case_id),
        author text NOT NULL,
        kind text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE compliance.risk_score (
        subject_kind text NOT NULL,
        subject_id text NOT NULL,
        score integer NOT NULL,
        factors jsonb NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (subject_kind, subject_id)
      )`);
    await q.query(`
      CREATE TABLE compliance.audit_log (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        event_type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        canonical text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE compliance.aml_transaction (
        transaction_id uuid PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES compliance.alert (alert_id),
        rule_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('large_value', 'suspicious')),
        amount_fen bigint NOT NULL,
        method text NOT NULL,
        party_id text NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX aml_transaction_time ON compliance.aml_transaction (occurred_at)`);
    await q.query(`
      CREATE TABLE compliance.salesperson_state (
        salesperson_id text PRIMARY KEY,
        grade text,
        licence_valid_until date,
        training_hours numeric NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE compliance.surrender_log (
        policy_id uuid PRIMARY KEY,
        policyholder_id uuid NOT NULL,
        surrendered_on date NOT NULL
      )`);
    await q.query(
      `CREATE INDEX surrender_holder ON compliance.surrender_log (policyholder_id, surrendered_on)`,
    );
    await q.query(`
      CREATE TABLE compliance.endorsement_log (
        policy_id uuid NOT NULL,
        policy_version integer NOT NULL,
        endorsed_on date NOT NULL,
        PRIMARY KEY (policy_id, policy_version)
      )`);
    await q.query(`
      CREATE TABLE compliance.departure_task (
        salesperson_id text NOT NULL,
        policy_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        due_on date NOT NULL,
        departure_event_id uuid NOT NULL,
        notified_at timestamptz,
        alerted_at timestamptz,
        PRIMARY KEY (salesperson_id, policy_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'departure_task',
      'endorsement_log',
      'surrender_log',
      'salesperson_state',
      'aml_transaction',
      'audit_log',
      'risk_score',
      'case_comment',
      'alert',
      'compliance_case',
      'rule_version',
    ]) {
      await q.query(`DROP TABLE IF EXISTS compliance.${t}`);
    }
  }
}
