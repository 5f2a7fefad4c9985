import type { MigrationInterface, QueryRunner } from 'typeorm';

const FROM = '2024-03-01';
const AML = 'PBoC Order 2016 No. 3, insurance red flags';

/**
 * AML as the rules list it: every premium and payout kept as a money flow per party (windows for structuring), the
 * facts identity and income signals need, the relationship an application states between payer and policyholder,
 * the fields a regulator's report carries, and three new rules as data.
 */
export class AmlInFull1765500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance.aml_flow (
        flow_id uuid PRIMARY KEY,
        party_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('in', 'out')),
        purpose text NOT NULL,
        amount_fen bigint NOT NULL,
        method text NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX aml_flow_party ON compliance.aml_flow (party_id, direction, occurred_at)`);
    await q.query(`
      CREATE TABLE compliance.party_state (
        customer_id uuid PRIMARY KEY,
        declared_income_fen bigint,
        identity_rejected_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE compliance.application_payer (
        application_id uuid PRIMARY KEY,
        policyholder_id uuid NOT NULL,
        payer_id uuid NOT NULL,
        payer_relationship text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE compliance.policy_payer (
        policy_id uuid PRIMARY KEY,
        application_id uuid NOT NULL
      )`);
    await q.query(`
      ALTER TABLE compliance.aml_transaction
        ADD COLUMN direction text NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out')),
        ADD COLUMN currency text NOT NULL DEFAULT 'CNY',
        ADD COLUMN currency_amount_minor bigint,
        ADD COLUMN counterparty text,
        ADD COLUMN policy_id uuid,
        ADD COLUMN purpose text NOT NULL DEFAULT 'premium'`);
    const rules: [string, string, string, string, object][] = [
      [
        'AML_STRUCTURING',
        'aml_structuring',
        'Payments or payouts split to stay under the large-value threshold: several within a few days, each under it, together over it',
        'high',
        { minCount: 3, windowDays: 7, totalFen: 5_000_000 },
      ],
      [
        'AML_IDENTITY_THEN_PURCHASE',
        'aml_identity_then_purchase',
        'An application soon after the buyer failed identity verification',
        'high',
        { windowDays: 30 },
      ],
      [
        'AML_PREMIUM_OVER_INCOME',
        'aml_premium_over_income',
        "A year's premiums above the policyholder's declared annual income",
        'medium',
        { maxIncomeMultiple: 1 },
      ],
    ];
    for (const [ruleId, kind, description, severity, parameters] of rules)
      await q.query(
        `INSERT INTO compliance.rule_version
           (rule_id, version, kind, description, source, severity, effective_from, effective_to, parameters, created_by)
         VALUES ($1, 1, $2, $3, $4, $5, $6, NULL, $7::jsonb, 'migration') ON CONFLICT DO NOTHING`,
        [ruleId, kind, description, AML, severity, FROM, JSON.stringify(parameters)],
      );
    // What the two existing rules now check, said in their descriptions (the checks are code; the text is display).
    await q.query(
      `UPDATE compliance.rule_version SET description = $1 WHERE rule_id = 'AML_LARGE_VALUE' AND version = 1`,
      [
        'A large-value transaction to report, premiums in and payouts out (refunds, surrenders, loans, benefits, claims): cash >= CNY 50,000 or USD 10,000 in a foreign currency, transfers >= CNY 500,000 (individual) or 2,000,000 (corporate)',
      ],
    );
    await q.query(
      `UPDATE compliance.rule_version SET description = $1 WHERE rule_id = 'AML_THIRD_PARTY_PAYER' AND version = 1`,
      ['A premium paid by someone other than the policyholder with no stated relationship to them'],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM compliance.rule_version WHERE rule_id IN ('AML_STRUCTURING', 'AML_IDENTITY_THEN_PURCHASE', 'AML_PREMIUM_OVER_INCOME')`,
    );
    await q.query(`
      ALTER TABLE compliance.aml_transaction DROP COLUMN direction, DROP COLUMN currency,
        DROP COLUMN currency_amount_minor, DROP COLUMN counterparty, DROP COLUMN policy_id, DROP COLUMN purpose`);
    await q.query(`DROP TABLE compliance.policy_payer`);
    await q.query(`DROP TABLE compliance.application_payer`);
    await q.query(`DROP TABLE compliance.party_state`);
    await q.query(`DROP TABLE compliance.aml_flow`);
  }
}
