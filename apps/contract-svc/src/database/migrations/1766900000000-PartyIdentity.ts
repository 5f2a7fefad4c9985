import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether customer-svc holds each customer's identity as verified now (a new policyholder must be; PBoC Order 2022
 * No. 1, customer due diligence). The events already applied are not read again, so every customer the copy holds
 * starts unverified: a policy passes to them once customer-svc verifies them again, as due diligence at the change
 * asks anyway.
 */
export class PartyIdentity1766900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contract.party_replica ADD COLUMN identity_verified boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.party_replica DROP COLUMN identity_verified`);
  }
}
