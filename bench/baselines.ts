import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';
import { serviceConfigShape } from '@insurer/platform-config';
import { preparingClient } from '@insurer/platform-database';
import { median } from './load';

/** pgbench against the same Postgres: a warm-up run is discarded, then the median TPS of `runs` runs. */
export function pgbench(
  databaseUrl: string,
  mode: 'select-only' | 'simple-update',
  runs = 3,
  seconds = 5,
): number {
  const url = new URL(databaseUrl);
  const db = 'insurer_pgbench';
  const base = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  execFileSync('psql', [...base, '-d', 'postgres', '-qc', `DROP DATABASE IF EXISTS ${db}`], {
    stdio: 'ignore',
  });
  execFileSync('psql', [...base, '-d', 'postgres', '-qc', `CREATE DATABASE ${db}`], { stdio: 'ignore' });
  execFileSync('pgbench', [...base, '-i', '-s', '10', '-q', db], { stdio: 'ignore' });
  const flag = mode === 'select-only' ? '-S' : '-N';
  const run = (t: number) => {
    const out = execFileSync('pgbench', [...base, flag, '-c', '10', '-j', '2', '-T', String(t), db], {
      encoding: 'utf8',
    });
    return Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? 0);
  };
  run(2);
  return median(Array.from({ length: runs }, () => run(seconds)));
}

/** Kafka's own producer performance tool: 1 KB records, acks=all; records per second. */
export function kafkaProducerPerf(libDir: string, brokers: string, topic: string, records = 100_000): number {
  const out = execFileSync(
    'java',
    [
      '-cp',
      join(libDir, '*'),
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      '1024',
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${brokers}`,
      'acks=all',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const lines = out.trim().split('\n');
  return Number(/([\d.]+) records\/sec/.exec(lines[lines.length - 1])?.[1] ?? 0);
}

/** Kafka's end-to-end latency tool: produce and consume one message at a time; the 99th percentile in ms. */
export function kafkaEndToEndP99(libDir: string, brokers: string, topic: string, messages = 2_000): number {
  const out = execFileSync(
    'java',
    [
      '-cp',
      join(libDir, '*'),
      'org.apache.kafka.tools.EndToEndLatency',
      brokers,
      topic,
      String(messages),
      'all',
      '1024',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return Number(
    /99th = ([\d.]+)/.exec(out)?.[1] ?? /Percentiles: 50th = [\d.]+, 99th = ([\d.]+)/.exec(out)?.[1] ?? 0,
  );
}

interface ApplicationBody {
  readonly quoteId: string;
  readonly insuredId: string;
  readonly salespersonId: string;
  readonly healthAnswers: unknown;
  readonly beneficiaries: unknown;
  readonly signature: unknown;
  readonly dualRecording: unknown;
}

/** The services' pool settings as they default (DB_POOL_MAX, DB_POOL_IDLE_MS, DB_PREPARED_STATEMENTS). */
export const servicePoolDefaults = serviceConfigShape
  .pick({ DB_POOL_MAX: true, DB_POOL_IDLE_MS: true, DB_PREPARED_STATEMENTS: true })
  .parse({});

/**
 * The stack's own limit: bare Fastify and pg running exactly the statements of the measured endpoints, against copies
 * of the services' tables (so nothing reaches the real outbox), and a route answering the same JSON from memory.
 */
export async function startBareServer(
  databaseUrl: string,
  port: number,
): Promise<{ app: FastifyInstance; pool: Pool }> {
  // The services' default pool: a bare route keeps its connections through the pauses between runs, and prepares
  // the statements it runs again, as they do.
  const { DB_POOL_MAX, DB_POOL_IDLE_MS, DB_PREPARED_STATEMENTS } = servicePoolDefaults;
  const pool = new Pool({
    connectionString: databaseUrl,
    max: DB_POOL_MAX,
    idleTimeoutMillis: DB_POOL_IDLE_MS,
    Client: preparingClient(DB_PREPARED_STATEMENTS),
  });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS bench_bare`);
  for (const [copy, source] of [
    ['claim', 'claims.claim'],
    ['claim_history', 'claims.claim_history'],
    ['outbox', 'claims.outbox'],
    ['application', 'sales.application'],
    ['suitability_record', 'sales.suitability_record'],
    ['pipeline_entry', 'sales.pipeline_entry'],
    ['sales_outbox', 'sales.outbox'],
  ]) {
    await pool.query(`DROP TABLE IF EXISTS bench_bare.${copy}`);
    await pool.query(`CREATE TABLE bench_bare.${copy} (LIKE ${source} INCLUDING ALL)`);
  }
  const app = Fastify({ logger: false });
  const cached = { status: 'in_force', policyNumber: 'P202600000000011', premiumFen: 25_000 };
  app.get('/bare/memory', async () => cached);
  app.get<{ Params: { id: string } }>('/bare/policies/:id', async (req, reply) => {
    const { rows } = await pool.query('SELECT * FROM contract.policy WHERE policy_id = $1', [req.params.id]);
    return rows[0] ?? reply.code(404).send();
  });
  app.get<{ Params: { id: string } }>('/bare/claims/:id', async (req, reply) => {
    const { rows } = await pool.query('SELECT * FROM claims.claim WHERE claim_id = $1', [req.params.id]);
    return rows[0] ?? reply.code(404).send();
  });
  // The statements POST /claims runs: the policy replica, the claim, its history line, two outbox rows with their
  // notify. The product version's terms are kept in memory once read, by the platform as by this route.
  const products = new Map<string, unknown>();
  app.post<{ Body: { policyId: string; amountClaimedFen: number } }>('/bare/claims', async (req, reply) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT * FROM claims.policy_replica WHERE policy_id = $1', [
        req.body.policyId,
      ]);
      const policy = rows[0];
      const productKey = `${policy.product_code}@${policy.product_version}`;
      if (!products.has(productKey)) {
        const product = await client.query(
          'SELECT * FROM claims.product_replica WHERE product_code = $1 AND version = $2',
          [policy.product_code, policy.product_version],
        );
        products.set(productKey, product.rows[0]);
      }
      const claimId = randomUUID();
      await client.query(
        `INSERT INTO bench_bare.claim (claim_id, policy_id, insured_id, policyholder_id, product_code, claim_type, coverage_code, event_date,
           description, amount_claimed_fen, payee_name, payee_relationship, payee_account, payee_account_last4, status, reported_at, reported_by, documents_requested_at)
         VALUES ($1, $2, $3, $4, $5, 'hospitalisation', 'HOSP', now()::date, 'bench', $6, 'payee', 'self', $7, '1234', 'documents_requested', now(), 'bench', now())`,
        [
          claimId,
          policy.policy_id,
          policy.insured_id,
          policy.policyholder_id,
          policy.product_code,
          req.body.amountClaimedFen,
          Buffer.alloc(64),
        ],
      );
      await client.query(
        `INSERT INTO bench_bare.claim_history (claim_id, at, action, actor, detail) VALUES ($1, now(), 'reported', 'bench', '{}')`,
        [claimId],
      );
      for (const type of ['claims.claim-reported', 'claims.documents-requested']) {
        await client.query(
          `WITH row AS (INSERT INTO bench_bare.outbox (event_id, topic, message_key, event_type, envelope, headers) VALUES ($1, 'claims.events.v1', $2, $3, $4, '{}'))
           SELECT pg_notify('bench_bare_outbox', '')`,
          [randomUUID(), claimId, type, JSON.stringify({ claimId, type })],
        );
      }
      await client.query('COMMIT');
      return reply.code(201).send({ claimId });
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  });
  // The statements POST /applications runs (read off the Postgres statement log): the quote locked, the check that
  // it has no application, the number of the product version on sale (its terms are kept in memory, by the platform
  // as by this route), salesperson, customer facts, similar cover; the suitability record and its event; the
  // application, the pipeline entry moved on, and the application's event.
  app.post<{ Body: ApplicationBody }>('/bare/applications', async (req, reply) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const body = req.body;
      const { rows } = await client.query(
        'SELECT * FROM sales.quote WHERE quote_id = $1 LIMIT 1 FOR UPDATE',
        [body.quoteId],
      );
      const quote = rows[0];
      await client.query('SELECT * FROM bench_bare.application WHERE quote_id = $1 LIMIT 1', [
        quote.quote_id,
      ]);
      const today = new Date().toISOString().slice(0, 10);
      await client.query(
        `SELECT version FROM sales.product_version WHERE product_code = $1 AND status = 'published' AND effective_from <= $2
         ORDER BY effective_from DESC, version DESC LIMIT 1`,
        [quote.product_code, today],
      );
      await client.query('SELECT * FROM sales.salesperson WHERE salesperson_id = $1 LIMIT 1', [
        body.salespersonId,
      ]);
      await client.query('SELECT * FROM sales.customer_facts WHERE customer_id = $1 LIMIT 1', [
        quote.customer_id,
      ]);
      await client.query(
        `SELECT count(1) AS cnt FROM sales.policy_replica WHERE insured_id = $1 AND product_type = $2 AND status IN ('in_force', 'suspended')`,
        [body.insuredId, 'accident'],
      );
      await client.query(
        `INSERT INTO bench_bare.suitability_record (assessment_id, customer_id, product_code, stage, outcome, reasons, salesperson_id, assessed_at)
         VALUES ($1, $2, $3, 'application', 'suitable', '[]', $4, now())`,
        [randomUUID(), quote.customer_id, quote.product_code, body.salespersonId],
      );
      const salesEvent = (aggregateId: string, type: string, payload: unknown) =>
        client.query(
          `WITH row AS (INSERT INTO bench_bare.sales_outbox (event_id, topic, message_key, event_type, envelope, headers)
             VALUES ($1, 'sales.events.v1', $2, $3, $4, '{}'))
           SELECT pg_notify('bench_bare_outbox', '')`,
          [randomUUID(), aggregateId, type, JSON.stringify({ type, payload })],
        );
      await salesEvent(quote.customer_id, 'sales.suitability-assessed', { quoteId: quote.quote_id });
      const applicationId = randomUUID();
      await client.query(
        `INSERT INTO bench_bare.application (application_id, quote_id, policyholder_id, insured_id, payer_id, payer_relationship,
           salesperson_id, health_answers, height_cm, weight_kg, beneficiaries, signature, dual_recording, recording_retained_until, status, submitted_at)
         VALUES ($1, $2, $3, $3, $3, 'self', $4, $5, NULL, NULL, $6, $7, $8, now()::date + 3650, 'submitted', now())`,
        [
          applicationId,
          // The bare runs use each quote more than once: a fresh id keeps the copy's unique index probed as for real.
          randomUUID(),
          body.insuredId,
          body.salespersonId,
          JSON.stringify(body.healthAnswers),
          JSON.stringify(body.beneficiaries),
          JSON.stringify(body.signature),
          JSON.stringify(body.dualRecording),
        ],
      );
      await client.query(
        `UPDATE bench_bare.pipeline_entry SET stage = 'applied', application_id = $1, updated_at = now() WHERE quote_id = $2`,
        [applicationId, quote.quote_id],
      );
      await salesEvent(applicationId, 'sales.application-submitted', { applicationId, ...body });
      await client.query('COMMIT');
      return reply.code(201).send({ applicationId });
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { app, pool };
}
