import { randomUUID } from 'node:crypto';
import { Partitioners, type Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { latestEventDefinition } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { waitFor } from '@insurer/platform-testing';
import { addDays, addYears, shanghaiDate } from '@insurer/platform-time';
import { median } from '../load';
import { CONSUMER_EVENTS, RUNS, say } from '../settings';
import { inTransaction, type Bench } from '../context';
import { processCpuSeconds } from './flow-cost';

/** The services that consume `contract.policy-issued`, by their schema (each keeps an inbox row per event it applies). */
const CONSUMERS = ['sales', 'customer', 'claims', 'compliance', 'analytics'] as const;

/**
 * The baseline a consumer is measured against: a bare kafkajs consumer that applies the effect of a policy-issued
 * event the way the leanest hand-written code would, set-based per fetched batch (one multi-row insert of the inbox
 * rows, one multi-row upsert of a policy replica, one transaction), and commits its offsets after the transaction.
 */
async function startBareConsumer(kafka: Kafka, db: Pool, topic: string) {
  await db.query(`CREATE SCHEMA IF NOT EXISTS bench_bare`);
  await db.query(
    `CREATE TABLE IF NOT EXISTS bench_bare.inbox (event_id uuid PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now())`,
  );
  await db.query(`CREATE TABLE IF NOT EXISTS bench_bare.policy (
    policy_id uuid PRIMARY KEY, policyholder_id uuid NOT NULL, insured_id uuid NOT NULL, product_code text NOT NULL,
    status text NOT NULL, effective_date date NOT NULL, expiry_date date NOT NULL)`);
  const consumer = kafka.consumer({ groupId: `bench-bare-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      if (!batch.messages.length) return;
      const events = batch.messages
        .map(
          (m) =>
            JSON.parse(String(m.value)) as { eventId: string; type: string; payload: Record<string, string> },
        )
        .filter((e) => e.type === 'contract.policy-issued');
      await inTransaction(db, async (client) => {
        const fresh = await client.query<{ event_id: string }>(
          `INSERT INTO bench_bare.inbox (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`,
          [events.map((e) => e.eventId)],
        );
        const applied = new Set(fresh.rows.map((r) => r.event_id));
        const rows = events.filter((e) => applied.has(e.eventId)).map((e) => e.payload);
        if (rows.length)
          await client.query(
            `INSERT INTO bench_bare.policy (policy_id, policyholder_id, insured_id, product_code, status, effective_date, expiry_date)
             SELECT r."policyId", r."policyholderId", r."insuredId", r."productCode", 'in_force', r."effectiveDate", r."expiryDate"
             FROM jsonb_to_recordset($1::jsonb) AS r("policyId" uuid, "policyholderId" uuid, "insuredId" uuid,
               "productCode" text, "effectiveDate" date, "expiryDate" date)
             ON CONFLICT (policy_id) DO UPDATE SET status = EXCLUDED.status`,
            [JSON.stringify(rows)],
          );
      });
      const last = batch.messages[batch.messages.length - 1] as { offset: string };
      resolveOffset(last.offset);
      // After the transaction, as the services do: a crash in between replays the batch into the inbox's conflict.
      await consumer.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: String(Number(last.offset) + 1) },
      ]);
      await heartbeat();
    },
  });
  await joined;
  return consumer;
}

/** How many partitions the topic has. */
async function partitionsOf(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0].partitions.length;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Each service's consumer of `contract.policy-issued` against the bare consumer, in events per second: a burst of
 * distinct policy-issued events is published at once and each consumer's inbox is watched until it holds them all.
 * The five services and the bare consumer run side by side on the same cores, so each ratio compares like with like.
 */
export async function consumers(b: Bench): Promise<void> {
  const { kafka, db, results } = b;
  const def = latestEventDefinition('contract.policy-issued');
  if (!def) throw new Error('no contract.policy-issued definition');
  const runs: Record<string, number>[] = [];
  const cpuRuns: Record<string, number>[] = [];
  const partitions = await partitionsOf(kafka, def.topic);
  for (let r = 0; r < RUNS; r += 1) {
    await b.quiet();
    const bare = await startBareConsumer(kafka, db, def.topic);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
    await producer.connect();
    // Issued today, as a real burst would be: with the fixture's dates (months ago) sales would schedule every return
    // visit as already overdue, and its sweep and compliance's alerts would run inside the measured window.
    const today = shanghaiDate(new Date());
    const effectiveDate = addDays(today, 1);
    const dated = {
      effectiveDate,
      expiryDate: addDays(addYears(effectiveDate, 20), -1),
      coolingOffEndsOn: addDays(today, 15),
      nextPremiumDueOn: addYears(effectiveDate, 1),
    };
    const ids: string[] = [];
    const messages = Array.from({ length: CONSUMER_EVENTS }, () => {
      const eventId = randomUUID();
      const policyId = randomUUID();
      ids.push(eventId);
      const envelope = {
        eventId,
        type: 'contract.policy-issued',
        version: def.version,
        occurredAt: new Date().toISOString(),
        producer: 'bench',
        aggregateId: policyId,
        correlationId: eventId,
        causationId: null,
        payload: {
          ...eventFixtures['contract.policy-issued'],
          ...dated,
          policyId,
          policyNumber: `PB${eventId.slice(0, 12)}`,
          applicationId: randomUUID(),
          policyholderId: randomUUID(),
          insuredId: randomUUID(),
          payerId: randomUUID(),
          issuedAt: new Date().toISOString(),
        },
      };
      // Partitions assigned in turn, as the key's hash spreads them, but known: see the tails below.
      return { key: policyId, value: JSON.stringify(envelope), partition: ids.length % partitions };
    });
    // A consumer applies a partition's events in offset order, so once its inbox holds the last event sent to each
    // partition it holds them all (confirmed in full once). Watching those few keeps the watch off the cores it
    // measures: counting every id of the burst scans the inbox (some 9 ms of Postgres for 6,000 ids in 30,000 rows),
    // and was done for each inbox ten times a second, one after another.
    const tails = [...new Map(messages.map((m, i) => [m.partition, ids[i]])).values()];
    const cpuBefore = processCpuSeconds(b.processes);
    const started = Date.now();
    for (let i = 0; i < messages.length; i += 500)
      await producer.sendBatch({
        acks: -1,
        topicMessages: [{ topic: def.topic, messages: messages.slice(i, i + 500) }],
      });
    await producer.disconnect();
    const done: Record<string, number> = {};
    const schemas = [...CONSUMERS, 'bench_bare'];
    /** The statement counting which of `$1`'s ids the schema's inbox holds. */
    const counting = (schema: string) =>
      `SELECT '${schema}' AS schema, count(*)::int AS n FROM ${schema}.inbox WHERE event_id = ANY($1::uuid[])`;
    const count = async (schema: string, of: readonly string[]) =>
      (await db.query<{ n: number }>(counting(schema), [of])).rows[0].n;
    await waitFor(
      async () => {
        const pending = schemas.filter((schema) => !done[schema]);
        // One statement for every inbox still waited on, so none is read later than another in a round.
        const { rows } = await db.query<{ schema: string; n: number }>(
          pending.map(counting).join(' UNION ALL '),
          [tails],
        );
        const seenAt = Date.now();
        for (const { schema, n } of rows)
          if (n === tails.length && (await count(schema, ids)) === CONSUMER_EVENTS)
            done[schema] = (CONSUMER_EVENTS / (seenAt - started)) * 1000;
        return schemas.every((s) => done[s]) ? true : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 20, description: 'every consumer to apply the burst' },
    );
    // Read as soon as every consumer has the burst: each service's own CPU for it (its relay's included), which the
    // others' share of the same cores does not move as it moves a rate.
    const cpuAfter = processCpuSeconds(b.processes);
    await bare.disconnect();
    runs.push(done);
    const cpu = Object.fromEntries(
      Object.keys(cpuAfter).map((k) => [k, ((cpuAfter[k] - cpuBefore[k]) * 1000) / CONSUMER_EVENTS]),
    );
    cpuRuns.push(cpu);
    say(`consumers of ${CONSUMER_EVENTS} policy-issued events, events/s: ${JSON.stringify(done)}`);
    say(`CPU per event of the burst, ms: ${JSON.stringify(cpu)}`);
  }
  results.consumers = {
    events: CONSUMER_EVENTS,
    eventsPerSec: Object.fromEntries(
      [...CONSUMERS, 'bench_bare'].map((s) => [s, Math.round(median(runs.map((run) => run[s] ?? 0)))]),
    ),
    cpuMsPerEvent: Object.fromEntries(
      Object.keys(cpuRuns[0] ?? {}).map((k) => [
        k,
        Math.round(median(cpuRuns.map((run) => run[k])) * 1000) / 1000,
      ]),
    ),
  };
}
