import type { Admin, Kafka } from 'kafkajs';
import type { Client } from 'pg';
import { verifyChain } from '../../apps/compliance-svc/src/audit/domain/hash-chain';

/** One line of the reconciliation table: what was expected, what was found, and whether they agree. */
export interface Check {
  readonly check: string;
  readonly expected: number;
  readonly found: number;
  readonly ok: boolean;
}

export interface Acknowledged {
  /** Policies the clients were told were issued. */
  readonly policies: ReadonlySet<string>;
  /** Claims the clients were told were paid. */
  readonly paidClaims: ReadonlySet<string>;
  /** Complaints the clients were told were opened. */
  readonly complaints: ReadonlySet<string>;
  /** Policies the clients were told were surrendered. */
  readonly surrenders: ReadonlySet<string>;
  /** Policies the clients were told had passed to a new policyholder, with whom. */
  readonly policyholders: ReadonlyMap<string, string>;
}

/** What the events topics carry: every record, and how many distinct events they are. */
export interface TopicCopies {
  readonly records: number;
  readonly distinctEvents: number;
}

const SCHEMAS = ['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics'] as const;

const check = (name: string, expected: number, found: number): Check => ({
  check: name,
  expected,
  found,
  ok: expected === found,
});

async function count(db: Client, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query(sql, params);
  return Number((rows[0] as { n: number | string }).n);
}

/**
 * Everything the fault suite promises, read from the databases and the topics once the platform has drained: every
 * acknowledged request's effects in every service exactly once, the outboxes empty, no consumer behind, and no dead
 * letter that was not injected.
 */
export async function reconcile(
  db: Client,
  admin: Admin,
  ack: Acknowledged,
  copies: TopicCopies,
): Promise<Check[]> {
  const checks: Check[] = [];
  const policies = [...ack.policies];
  const issued = await count(db, `SELECT count(*) AS n FROM contract.policy`);

  // Nothing acknowledged was lost.
  checks.push(
    check(
      'acknowledged policies in contract-svc',
      policies.length,
      await count(db, `SELECT count(*) AS n FROM contract.policy WHERE policy_id = ANY($1::uuid[])`, [
        policies,
      ]),
    ),
  );
  checks.push(
    check(
      'acknowledged paid claims paid in claims-svc',
      ack.paidClaims.size,
      await count(
        db,
        `SELECT count(*) AS n FROM claims.claim WHERE claim_id = ANY($1::uuid[]) AND status = 'paid'`,
        [[...ack.paidClaims]],
      ),
    ),
  );
  checks.push(
    check(
      'acknowledged complaints in customer-svc',
      ack.complaints.size,
      await count(db, `SELECT count(*) AS n FROM customer.ticket WHERE ticket_id = ANY($1::uuid[])`, [
        [...ack.complaints],
      ]),
    ),
  );

  checks.push(
    check(
      'acknowledged surrenders surrendered in contract-svc',
      ack.surrenders.size,
      await count(
        db,
        `SELECT count(*) AS n FROM contract.policy WHERE policy_id = ANY($1::uuid[]) AND status = 'surrendered'`,
        [[...ack.surrenders]],
      ),
    ),
  );

  // Every policy's status (in force, withdrawn, surrendered) as contract-svc has it, in every service that keeps one.
  for (const [name, table] of [
    ['sales-svc', 'sales.policy_replica'],
    ['claims-svc', 'claims.policy_replica'],
    ['customer-svc', 'customer.policy_view'],
  ] as const) {
    checks.push(
      check(
        `policies whose status in ${name} differs from contract-svc`,
        0,
        await count(
          db,
          `SELECT count(*) AS n FROM contract.policy c LEFT JOIN ${table} r ON r.policy_id = c.policy_id
            WHERE r.status IS DISTINCT FROM c.status`,
        ),
      ),
    );
  }
  const kpi = `analytics.p_policy p JOIN analytics.projection_generation g
    ON g.generation = p.generation AND g.status = 'active'`;
  checks.push(
    check(
      'withdrawals in the KPI projection',
      await count(db, `SELECT count(*) AS n FROM contract.policy WHERE status = 'withdrawn'`),
      await count(db, `SELECT count(*) AS n FROM ${kpi} WHERE p.withdrawn_on IS NOT NULL`),
    ),
  );
  checks.push(
    check(
      'surrenders and terminations in the KPI projection',
      await count(
        db,
        `SELECT count(*) AS n FROM contract.policy WHERE status IN ('surrendered', 'terminated')`,
      ),
      await count(db, `SELECT count(*) AS n FROM ${kpi} WHERE p.ended_on IS NOT NULL`),
    ),
  );

  // Every issued policy reached every service that keeps it, once (the replicas' keys make a second row impossible,
  // so a duplicate would show as a second return visit or survey, or in the KPI counts).
  for (const [name, sql] of [
    ['policy replicas in sales-svc', `SELECT count(*) AS n FROM sales.policy_replica`],
    ['policy replicas in claims-svc', `SELECT count(*) AS n FROM claims.policy_replica`],
    ['policy views in customer-svc', `SELECT count(*) AS n FROM customer.policy_view`],
    ['return visits scheduled (one per policy)', `SELECT count(*) AS n FROM sales.return_visit`],
    [
      'surveys after issue (one per policy)',
      `SELECT count(*) AS n FROM customer.survey WHERE trigger = 'policy_issued'`,
    ],
    [
      'policies in the KPI projection',
      `SELECT count(*) AS n FROM analytics.p_policy p JOIN analytics.projection_generation g
         ON g.generation = p.generation AND g.status = 'active'`,
    ],
  ] as const) {
    checks.push(check(name, issued, await count(db, sql)));
  }
  // Every registered customer reached contract-svc's copy, which a new policyholder is checked against.
  checks.push(
    check(
      'customers in contract-svc’s copy (one per registered customer)',
      await count(db, `SELECT count(*) AS n FROM customer.customer`),
      await count(db, `SELECT count(*) AS n FROM contract.party_replica`),
    ),
  );
  // And its verification (or the lack of one) with it: a lost identity event would leave a verified customer out.
  checks.push(
    check(
      'verified customers in contract-svc’s copy (as customer-svc holds them)',
      await count(db, `SELECT count(*) AS n FROM customer.customer WHERE identity_status = 'verified'`),
      await count(db, `SELECT count(*) AS n FROM contract.party_replica WHERE identity_verified`),
    ),
  );
  // A policy the clients were told had passed to a new policyholder did so, and in every copy of it.
  checks.push(
    check(
      'acknowledged new policyholders in contract-svc',
      ack.policyholders.size,
      await count(
        db,
        `SELECT count(*) AS n FROM contract.policy p
           JOIN unnest($1::uuid[], $2::uuid[]) AS a(policy_id, policyholder_id) USING (policy_id)
          WHERE p.policyholder_id = a.policyholder_id`,
        [[...ack.policyholders.keys()], [...ack.policyholders.values()]],
      ),
    ),
  );
  checks.push(
    check(
      'policies whose policyholder a replica does not follow (sales, claims, customer)',
      0,
      await count(
        db,
        `SELECT count(*) AS n FROM contract.policy p
           LEFT JOIN sales.policy_replica s USING (policy_id)
           LEFT JOIN claims.policy_replica c USING (policy_id)
           LEFT JOIN customer.policy_view v USING (policy_id)
          WHERE s.policyholder_id IS DISTINCT FROM p.policyholder_id
             OR c.policyholder_id IS DISTINCT FROM p.policyholder_id
             OR v.policyholder_id IS DISTINCT FROM p.policyholder_id`,
      ),
    ),
  );
  const changed = await count(
    db,
    `SELECT count(*) AS n FROM contract.policy_version WHERE kind = 'policyholder'`,
  );
  checks.push(
    check(
      'new policyholders in the audit chain (one per change)',
      changed,
      await count(
        db,
        `SELECT count(*) AS n FROM compliance.audit_log WHERE event_type = 'contract.policyholder-changed'`,
      ),
    ),
  );
  const paid = await count(db, `SELECT count(*) AS n FROM claims.claim WHERE status = 'paid'`);
  checks.push(
    check(
      'claim payments in the KPI projection',
      paid,
      await count(
        db,
        `SELECT count(DISTINCT claim_id) AS n FROM analytics.p_claim_payment p JOIN analytics.projection_generation g
           ON g.generation = p.generation AND g.status = 'active'`,
      ),
    ),
  );
  checks.push(
    check(
      'surveys after a paid claim (one per claim)',
      paid,
      await count(db, `SELECT count(*) AS n FROM customer.survey WHERE trigger = 'claim_paid'`),
    ),
  );

  // Every event any service published is in the audit chain exactly once.
  const published = await count(
    db,
    SCHEMAS.map((s) => `SELECT event_id FROM ${s}.outbox`)
      .join(' UNION ALL ')
      .replace(/^/, 'SELECT count(*) AS n FROM (') + ') e',
  );
  checks.push(
    check(
      'audit entries (one per published event)',
      published,
      await count(db, `SELECT count(*) AS n FROM compliance.audit_log`),
    ),
  );
  // The topics carry each published event at least once; copies beyond that are the duplicates the faults caused,
  // which the inboxes must have dropped (the audit and KPI lines above show they did).
  checks.push(
    check('distinct events on the events topics (one per published event)', published, copies.distinctEvents),
  );
  checks.push(
    check(
      'audit entries per event id above one',
      0,
      await count(
        db,
        `SELECT count(*) AS n FROM (SELECT event_id FROM compliance.audit_log GROUP BY event_id HAVING count(*) > 1) d`,
      ),
    ),
  );
  // The chain whole after the kills, walked by compliance's own verifier (the walk of GET /audit/verify): each entry
  // points at the one before it and its hash covers that and its content.
  const { rows: entries } = await db.query<{
    seq: string;
    prev_hash: string;
    hash: string;
    canonical: string;
  }>(`SELECT seq, prev_hash, hash, canonical FROM compliance.audit_log ORDER BY seq`);
  const verdict = verifyChain(
    entries.map((e) => ({ seq: Number(e.seq), prevHash: e.prev_hash, hash: e.hash, canonical: e.canonical })),
  );
  checks.push(check('audit chain breaks (edited, deleted or moved entries)', 0, verdict.ok ? 0 : 1));

  // Drained: no outbox row unsent, no consumer group behind, no dead letter.
  for (const schema of SCHEMAS) {
    checks.push(
      check(
        `${schema} outbox rows unsent`,
        0,
        await count(db, `SELECT count(*) AS n FROM ${schema}.outbox WHERE sent_at IS NULL`),
      ),
    );
  }
  checks.push(check('consumer lag (messages behind, all groups)', 0, await totalLag(admin)));
  checks.push(check('dead letters', 0, await deadLetters(admin)));
  return checks;
}

/** Messages not yet committed by the services' consumer groups, summed over their topics' partitions. */
export async function totalLag(admin: Admin): Promise<number> {
  const topics = (await admin.listTopics()).filter((t) => /\.(events|commands)\.v\d+$/.test(t));
  const groups = (await admin.listGroups()).groups
    .map((g) => g.groupId)
    .filter((g) => /^(customer|sales|contract|claims|compliance|analytics)-svc$/.test(g));
  let lag = 0;
  for (const groupId of groups) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const p of partitions) {
        const end = Number(ends.find((e) => e.partition === p.partition)?.high ?? 0);
        const committed = Number(p.offset);
        // A group that never read a partition of a topic it does not consume reports -1: not lag.
        if (committed >= 0) lag += Math.max(0, end - committed);
      }
    }
  }
  return lag;
}

async function deadLetters(admin: Admin): Promise<number> {
  let total = 0;
  for (const topic of (await admin.listTopics()).filter((t) => t.endsWith('.dlq'))) {
    for (const p of await admin.fetchTopicOffsets(topic)) total += Number(p.high) - Number(p.low);
  }
  return total;
}

/**
 * Reads every events topic from its start and counts its records and the distinct event ids among them: records
 * minus distinct events is how many duplicate deliveries Kafka really carried (a relay killed between send and mark).
 */
export async function topicCopies(kafka: Kafka, admin: Admin): Promise<TopicCopies> {
  const topics = (await admin.listTopics()).filter((t) => /\.events\.v\d+$/.test(t));
  let expected = 0;
  for (const topic of topics)
    for (const p of await admin.fetchTopicOffsets(topic)) expected += Number(p.high) - Number(p.low);
  const ids = new Set<string>();
  let records = 0;
  const consumer = kafka.consumer({ groupId: `chaos-reconcile-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    if (expected === 0) done();
    await consumer.run({
      eachMessage: async ({ message }) => {
        records += 1;
        try {
          const id = (JSON.parse(message.value?.toString() ?? '') as { eventId?: unknown }).eventId;
          if (typeof id === 'string') ids.add(id);
        } catch {
          // Not an envelope: counted as a record, not as an event.
        }
        if (records >= expected) done();
      },
    });
    // A topic whose offsets include anything but records (none are written today) must not hang the report.
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 120_000).unref())]);
  } finally {
    await consumer.disconnect();
  }
  return { records, distinctEvents: ids.size };
}

/** The table as printed, and whether every line agrees. */
export function renderTable(checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.check.length));
  const lines = checks.map(
    (c) =>
      `${c.ok ? 'ok  ' : 'FAIL'}  ${c.check.padEnd(width)}  expected ${String(c.expected).padStart(6)}  found ${String(c.found).padStart(6)}`,
  );
  return lines.join('\n');
}
