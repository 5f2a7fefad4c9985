import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'pg';
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

/**
 * The stack's own limit: bare Fastify and pg running exactly the statements of the measured endpoints, against copies
 * of the services' tables (so nothing reaches the real outbox), and a route answering the same JSON from memory.
 */
export async function startBareServer(
  databaseUrl: string,
  port: number,
): Promise<{ app: FastifyInstance; pool: Pool }> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS bench_bare`);
  for (const [copy, source] of [
    ['claim', 'claims.claim'],
    ['claim_history', 'claims.claim_history'],
    ['outbox', 'claims.outbox'],
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
  // The statements POST /claims runs: two lookups, the claim, its history line, two outbox rows with their notify.
  app.post<{ Body: { policyId: string; amountClaimedFen: number } }>('/bare/claims', async (req, reply) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query('SELECT * FROM claims.policy_replica WHERE policy_id = $1', [
        req.body.policyId,
      ]);
      const policy = rows[0];
      await client.query('SELECT * FROM claims.product_replica WHERE product_code = $1 AND version = $2', [
        policy.product_code,
        policy.product_version,
      ]);
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
  await app.listen({ port, host: '127.0.0.1' });
  return { app, pool };
}
