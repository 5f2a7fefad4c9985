import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A premium paid in a foreign currency keeps its currency and amount (AML: the USD 10,000 cash threshold). */
export class PremiumCurrency1765500000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contract.premium_payment ADD COLUMN currency text, ADD COLUMN currency_amount_minor bigint`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contract.premium_payment DROP COLUMN currency, DROP COLUMN currency_amount_minor`,
    );
  }
}
