import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models, each row tagged with the projection generation it belongs to, so a rebuild can fill a new generation
 * beside the live one and switch over without stopping. Every event writes only its own columns, so the order of
 * events across topics, or an event applied twice, never changes a figure.
 */
export class AnalyticsProjections1764600000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics.projection_generation (
        generation integer PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('building', 'active', 'retired')),
        consumer_group text,
        high_water jsonb,
        started_at timestamptz NOT NULL,
        activated_at timestamptz
      )`);
    await q.query(
      `INSERT INTO analytics.projection_generation (generation, status, started_at, activated_at) VALUES (1, 'active', now(), now())`,
    );
    const tables: [string, string, string][] = [
      [
        'p_policy',
        'policy_id uuid',
        `product_code text, channel text, salesperson_id text, issued_on date, payment_mode text,
        application_id uuid, withdrawn_on date, ended_on date`,
      ],
      ['p_application', 'application_id uuid', 'quote_id uuid NOT NULL'],
      [
        'p_quote',
        'quote_id uuid',
        'product_code text NOT NULL, channel text NOT NULL, salesperson_id text NOT NULL, issued_on date NOT NULL',
      ],
      [
        'p_premium',
        'payment_id uuid',
        'policy_id uuid NOT NULL, paid_on date NOT NULL, amount_fen bigint NOT NULL, policy_year integer NOT NULL, is_first boolean NOT NULL',
      ],
      ['p_visit', 'visit_id uuid', 'policy_id uuid, due_on date, succeeded boolean'],
      [
        'p_claim',
        'claim_id uuid',
        'policy_id uuid, product_code text, reported_on date, decided_on date, decision_late boolean NOT NULL DEFAULT false, payment_late boolean NOT NULL DEFAULT false',
      ],
      [
        'p_claim_payment',
        'event_id uuid',
        'claim_id uuid NOT NULL, paid_on date NOT NULL, amount_fen bigint NOT NULL',
      ],
      ['p_complaint', 'ticket_id uuid', 'policy_id uuid, salesperson_id text, opened_on date NOT NULL'],
      [
        'p_survey',
        'survey_id uuid',
        'product_code text, salesperson_id text, policy_id uuid, answered_on date NOT NULL, csat integer NOT NULL, nps integer NOT NULL',
      ],
      ['p_alert', 'alert_id uuid', 'rule_id text NOT NULL, raised_on date NOT NULL'],
    ];
    for (const [name, key, columns] of tables) {
      const keyName = key.split(' ')[0];
      await q.query(
        `CREATE TABLE analytics.${name} (generation integer NOT NULL, ${key} NOT NULL, ${columns}, PRIMARY KEY (generation, ${keyName}))`,
      );
    }
    await q.query(`
      CREATE TABLE analytics.improvement_action (
        action_id uuid PRIMARY KEY,
        kpi text NOT NULL,
        title text NOT NULL,
        baseline numeric NOT NULL,
        target numeric NOT NULL,
        owner text NOT NULL,
        due_on date NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'improvement_action',
      'p_alert',
      'p_survey',
      'p_complaint',
      'p_claim_payment',
      'p_claim',
      'p_visit',
      'p_premium',
      'p_quote',
      'p_application',
      'p_policy',
      'projection_generation',
    ]) {
      await q.query(`DROP TABLE IF EXISTS analytics.${t}`);
    }
  }
}
