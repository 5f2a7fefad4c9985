import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Premiums paid by someone other than the policyholder, kept so AML_THIRD_PARTY_PAYER can judge one once the
 * application that states the payer's relationship is known: contract-svc publishes a first premium before the
 * policy's issue (which links the policy to its application), and the application comes on sales-svc's topic, so
 * either may be applied after the payment.
 */
export class ThirdPartyPremium1766100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compliance.third_party_premium (
        payment_id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        payer_id uuid NOT NULL,
        amount_fen bigint NOT NULL,
        flow jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX third_party_premium_policy ON compliance.third_party_premium (policy_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compliance.third_party_premium`);
  }
}
