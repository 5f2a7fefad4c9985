import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * contract-svc's copy of its customers (party-replica/): whether a company, and when a person comes of age, which a
 * policy's new policyholder is checked against. customer-svc's events fill it from the start of their topic's
 * retention; customers already on a policy here are filled as the policy shows them of age, so a policy can pass to
 * them before their next event: an insured by the day they come of age the policy keeps, or, insured at 18 or over,
 * by the effective date less their years past 18; the policyholder who applied, when the application gave their age
 * on the effective date as 18 or over, the same way. Anyone else waits for customer-svc's event; an event's exact
 * day replaces the bound.
 */
export class PartyReplica1766800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE contract.party_replica (
         customer_id uuid PRIMARY KEY,
         corporate boolean NOT NULL,
         adult_on date,
         updated_at timestamptz NOT NULL
       )`,
    );
    await q.query(
      `INSERT INTO contract.party_replica (customer_id, corporate, adult_on, updated_at)
       SELECT customer_id, false, min(adult_on), now()
         FROM (SELECT p.insured_id AS customer_id,
                      COALESCE(p.insured_adult_on, CASE WHEN p.entry_age >= 18 THEN
                        (p.effective_date - make_interval(years => p.entry_age - 18))::date END) AS adult_on
                 FROM contract.policy p
               UNION ALL
               SELECT (u.application->>'policyholderId')::uuid,
                      (p.effective_date - make_interval(years => (u.application->>'policyholderAge')::int - 18))::date
                 FROM contract.policy p
                 JOIN contract.underwriting_case u ON u.application_id = p.application_id
                WHERE (u.application->>'policyholderAge')::int >= 18) known
        WHERE adult_on IS NOT NULL
        GROUP BY customer_id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE contract.party_replica`);
  }
}
