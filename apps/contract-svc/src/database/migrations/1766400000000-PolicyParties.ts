import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A policy keeps how its insured stands to the policyholder and the day a minor insured comes of age, and a version
 * keeps the insured's signed consent it was made with: a later change of beneficiaries reads them (Arts. 39, 41).
 * Existing policies take both from the application their underwriting case holds; a policy whose application named
 * no relationship keeps none (self where the two are one person), and without the last day of the rated age a
 * minor's coming of age is the earliest it can be, as the domain counts it (beneficiary-change.ts).
 */
export class PolicyParties1766400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE contract.policy ADD COLUMN insured_relationship text, ADD COLUMN insured_adult_on date`,
    );
    await q.query(`ALTER TABLE contract.policy_version ADD COLUMN consent jsonb`);
    await q.query(
      `UPDATE contract.policy p
          SET insured_relationship = u.application->>'insuredRelationship',
              insured_adult_on = CASE WHEN p.entry_age < 18 THEN
                (COALESCE((u.application->>'ratingAgeValidUntil')::date, p.effective_date) + 1
                  + make_interval(years => 17 - p.entry_age))::date END
         FROM contract.underwriting_case u
        WHERE u.application_id = p.application_id`,
    );
    await q.query(
      `UPDATE contract.policy SET insured_relationship = 'self'
        WHERE insured_relationship IS NULL AND insured_id = policyholder_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE contract.policy_version DROP COLUMN consent`);
    await q.query(
      `ALTER TABLE contract.policy DROP COLUMN insured_relationship, DROP COLUMN insured_adult_on`,
    );
  }
}
