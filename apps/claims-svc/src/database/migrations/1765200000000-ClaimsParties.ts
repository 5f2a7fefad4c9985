import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who takes a death benefit (domain.md "Parties"): the policy replica keeps the beneficiaries contract-svc announces,
 * and a death claim keeps those of the day it was reported, with the cause of death Art. 44 reads. Replica rows from
 * before it name no beneficiary (the statutory heirs) until the policy is endorsed or the replica is rebuilt.
 */
export class ClaimsParties1765200000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE claims.policy_replica ADD COLUMN beneficiaries jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
    await q.query(
      `ALTER TABLE claims.claim
       ADD COLUMN cause_of_death text,
       ADD COLUMN beneficiaries jsonb NOT NULL DEFAULT '[]'::jsonb`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE claims.claim DROP COLUMN cause_of_death, DROP COLUMN beneficiaries`);
    await q.query(`ALTER TABLE claims.policy_replica DROP COLUMN beneficiaries`);
  }
}
