import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Survival and maturity benefits paid by contract-svc on their anniversaries: each policy counts the benefits paid and
 * knows when the next falls due (the daily sweep's index); each payment is recorded once per policy, kind and year.
 */
export class SurvivalBenefits1765300000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contract.policy
       ADD COLUMN benefits_paid integer NOT NULL DEFAULT 0,
       ADD COLUMN next_benefit_on date`,
    );
    await q.query(
      `CREATE INDEX policy_next_benefit ON contract.policy (next_benefit_on) WHERE next_benefit_on IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE contract.benefit_payment (
        policy_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('survival', 'maturity')),
        policy_year integer NOT NULL,
        due_on date NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        loan_deducted_fen bigint NOT NULL CHECK (loan_deducted_fen >= 0),
        paid_fen bigint NOT NULL CHECK (paid_fen >= 0),
        payee_id uuid NOT NULL,
        paid_at timestamptz NOT NULL,
        PRIMARY KEY (policy_id, kind, policy_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract.benefit_payment`);
    await q.query(`DROP INDEX contract.policy_next_benefit`);
    await q.query(`ALTER TABLE contract.policy DROP COLUMN benefits_paid, DROP COLUMN next_benefit_on`);
  }
}
