import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer due diligence on a policy's new policyholder (PBoC Order 2022 No. 1): compliance keeps when each customer's
 * identity was verified, filled for customers verified before from the audit log (every event is in it), and the rule
 * that alerts on a policy passed to a policyholder whose identity the platform has not verified. The rule's row is
 * written here as data (later versions go through the rules API), like the first rules were.
 */
export class TransferDueDiligence1766700000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE compliance.party_state ADD COLUMN identity_verified_at timestamptz`);
    await q.query(
      `INSERT INTO compliance.party_state (customer_id, identity_verified_at, updated_at)
       SELECT (canonical::jsonb #>> '{payload,customerId}')::uuid,
              max((canonical::jsonb #>> '{payload,verifiedAt}')::timestamptz), now()
         FROM compliance.audit_log WHERE event_type = 'customer.identity-verified'
        GROUP BY 1
       ON CONFLICT (customer_id) DO UPDATE SET identity_verified_at = EXCLUDED.identity_verified_at`,
    );
    await q.query(
      `INSERT INTO compliance.rule_version
         (rule_id, version, kind, description, source, severity, effective_from, effective_to, parameters, created_by)
       VALUES ('AML_TRANSFER_UNVERIFIED', 1, 'aml_transfer_unverified',
               'A policy passed to a new policyholder whose identity the platform has not verified',
               'PBoC Order 2022 No. 1 (customer due diligence and identity records)', 'high', '2024-03-01', NULL,
               '{}'::jsonb, 'migration')
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM compliance.rule_version WHERE rule_id = 'AML_TRANSFER_UNVERIFIED'`);
    await q.query(`ALTER TABLE compliance.party_state DROP COLUMN identity_verified_at`);
  }
}
