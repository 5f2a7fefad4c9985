import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import { signLocalToken, type Role } from '@insurer/platform-auth';
import { EVENT_TOPICS, Topics } from '@insurer/contracts';
import {
  otpFromLog,
  runStory,
  type Platform,
  type StoryClient,
  type StoryResult,
} from '@insurer/platform-scenarios';
import {
  httpRequest,
  waitFor,
  type ServiceProcess,
  type TextReply,
  type testEnvironment,
} from '@insurer/platform-testing';
import type { Outcome } from './load';
import { NAMES, say } from './settings';

/** What every workload works with: the running platform, its fixtures and the ways to wait for it to be quiet. */
export interface Bench {
  readonly env: ReturnType<typeof testEnvironment>;
  readonly kafka: Kafka;
  readonly db: Pool;
  readonly processes: ServiceProcess[];
  readonly urls: Platform;
  readonly results: Record<string, unknown>;
  readonly token: (role: Role, sub: string) => string;
  readonly client: StoryClient;
  readonly bareUrl: string;
  /** The bare routes' process (bench/bare-server.ts), whose CPU a request is set beside a service's. */
  readonly barePid: number | undefined;
  readonly stories: StoryResult[];
  readonly policies: { policyId: string; insuredId: string }[];
  readonly today: string;
  readonly sampleMemory: (key: 'atRestMb' | 'underLoadMb') => Promise<void>;
  readonly quiet: () => Promise<void>;
  readonly outboxDrained: () => Promise<unknown>;
  readonly noConsumerLag: () => Promise<unknown>;
  /** POST /claims for the i-th published policy. */
  readonly reportClaim: (i: number, description: string) => Promise<TextReply>;
  /** The bare route running POST /claims' statements, for the same policies. */
  readonly bareClaim: (i: number) => Promise<Outcome>;
}

/** A running service's process id, by its name (for the CPU it uses). */
export const pidOf = (b: Pick<Bench, 'processes'>, name: string): number | undefined =>
  b.processes.find((p) => p.name === name)?.pid;

/** How far before the output's end a search for a one-time code starts: the code may have come in just before. */
const OTP_LOOKBACK_CHARS = 64 * 1024;

/**
 * customer-svc's one-time code for a mobile, as its local gateway logged it. The request that sends the code logs it
 * before it answers, so the line can be there before this is called; the search starts a little before the output's
 * end and reads only what came after (`logSince`), as the whole log grows through a run.
 */
export function otpReader(
  customer: ServiceProcess,
  intervalMs?: number,
): (mobile: string) => Promise<string> {
  return (mobile) => {
    const mark = customer.logLength - OTP_LOOKBACK_CHARS;
    return waitFor(() => otpFromLog(customer.logSince(mark), mobile), {
      intervalMs,
      description: 'otp',
    }).catch((err: unknown) => {
      throw new Error(
        `${String(err)}; customer-svc log ends: ${customer.logSince(customer.logLength - 1500)}`,
      );
    });
  };
}

/** Whether a reply (read to its end by httpRequest) succeeded. */
export const ok = (res: TextReply) => res.status >= 200 && res.status < 300;

type FixtureContext = Pick<Bench, 'env' | 'kafka' | 'db' | 'processes' | 'urls' | 'results'>;

export async function fixtures(b: FixtureContext): Promise<Pick<Bench, 'stories' | 'policies' | 'today'>> {
  const { env, kafka, db, processes, urls, results } = b;
  // Fixtures through the public interfaces: three full stories give policies and claims to read.
  say('fixtures: three full stories (customer to paid claim)');
  const stories: StoryResult[] = [];
  const storyStarted = performance.now();
  for (let i = 0; i < 3; i += 1) {
    stories.push(
      await runStory({
        urls,
        jwtSecret: env.jwtSecret,
        kafka,
        say: () => undefined,
        readOtp: otpReader(processes[0]),
      }),
    );
  }
  results.storySeconds = Math.round(((performance.now() - storyStarted) / 3 / 1000) * 100) / 100;
  // Claims need policies in claims-svc's replica: published the way contract-svc publishes them.
  const producer = kafka.producer();
  await producer.connect();
  const policies: { policyId: string; insuredId: string }[] = [];
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const effective = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 200; i += 1) {
    const policyId = randomUUID();
    const insuredId = randomUUID();
    policies.push({ policyId, insuredId });
    await producer.send({
      topic: Topics.CONTRACT_EVENTS,
      messages: [
        {
          key: policyId,
          value: JSON.stringify({
            eventId: randomUUID(),
            type: 'contract.policy-issued',
            version: 1,
            occurredAt: new Date().toISOString(),
            producer: 'bench',
            aggregateId: policyId,
            correlationId: policyId,
            causationId: null,
            payload: {
              policyId,
              policyNumber: `PB${i}`,
              applicationId: randomUUID(),
              policyholderId: insuredId,
              insuredId,
              payerId: insuredId,
              productCode: 'MED1',
              productVersion: 1,
              productType: 'medical',
              isLife: false,
              sumInsuredFen: 200_000_000,
              premiumFen: 30_000,
              paymentMode: 'annual',
              paymentTermYears: 1,
              coverageTermYears: 1,
              effectiveDate: effective,
              expiryDate: today,
              coolingOffEndsOn: effective,
              nextPremiumDueOn: null,
              exclusions: [],
              salespersonId: 'S-BENCH',
              channel: 'agent',
              issuedAt: new Date().toISOString(),
            },
          }),
        },
      ],
    });
  }
  await producer.disconnect();
  await waitFor(
    async () =>
      (
        await db.query(`SELECT count(*)::int AS n FROM claims.policy_replica WHERE policy_id = ANY($1)`, [
          policies.map((p) => p.policyId),
        ])
      ).rows[0].n === 200,
    {
      timeoutMs: 120_000,
      description: 'the policy replicas',
    },
  );
  await completeReturnVisits(db, urls, env.jwtSecret, policies);
  return { stories, policies, today };
}

/**
 * The claims fixtures' policies took effect 200 days ago, so sales schedules each one's return visit already overdue;
 * left alone, its sweep (100 a minute) and compliance's alerts would run inside whichever workload's window they fell
 * in. A policy that old had its visit long ago: the fixture records each one through sales' API before measuring.
 */
async function completeReturnVisits(
  db: Pool,
  urls: Platform,
  jwtSecret: string,
  policies: readonly { policyId: string }[],
): Promise<void> {
  const ids = policies.map((p) => p.policyId);
  await waitFor(
    async () =>
      (await db.query(`SELECT count(*)::int AS n FROM sales.return_visit WHERE policy_id = ANY($1)`, [ids]))
        .rows[0].n === ids.length,
    { timeoutMs: 120_000, description: "sales' return visits of the claims fixtures" },
  );
  const authorization = `Bearer ${signLocalToken({ sub: 'bench', roles: ['service_rep'], secret: jwtSecret })}`;
  const open = await db.query<{ visit_id: string }>(
    `SELECT visit_id FROM sales.return_visit WHERE policy_id = ANY($1) AND status <> 'completed'`,
    [ids],
  );
  for (const { visit_id: visitId } of open.rows) {
    const res = await httpRequest(`${urls.sales}/return-visits/${visitId}/outcome`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({
        reached: true,
        identityConfirmed: true,
        termsUnderstood: true,
        wantsToWithdraw: false,
      }),
    });
    if (!ok(res)) throw new Error(`return visit ${visitId}: ${res.status} ${res.text}`);
  }
}

/** Runs `work` in one transaction on a connection of its own: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(db: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Vacuums the services' outbox and inbox tables, as autovacuum would on a production server. The test server may run
 * with autovacuum off (this machine's does): every sent outbox row is an update, and without a vacuum the relay's read
 * of the unsent rows walks every dead entry of its partial index, slower with each run on the same database.
 */
export async function vacuumQueues(db: Pool): Promise<void> {
  const schemas = NAMES.map((name) => name.replace(/-svc$/, ''));
  const tables = schemas.flatMap((schema) => [`"${schema}".outbox`, `"${schema}".inbox`]);
  await db.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
}

/** Waits for the platform to be quiet: the claims outbox drained, no consumer behind, or both for every outbox. */
export async function quietness(db: Pool, kafka: Kafka) {
  const outboxDrained = () =>
    waitFor(
      async () =>
        (await db.query(`SELECT count(*)::int AS n FROM claims.outbox WHERE sent_at IS NULL`)).rows[0].n ===
        0,
      { timeoutMs: 600_000, intervalMs: 100, description: 'the claims outbox to drain' },
    );
  const lagAdmin = kafka.admin();
  await lagAdmin.connect();
  const noConsumerLag = () =>
    waitFor(
      async () => {
        for (const groupId of NAMES) {
          for (const topic of EVENT_TOPICS) {
            const ends = await lagAdmin.fetchTopicOffsets(topic);
            const committed =
              (await lagAdmin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? [];
            for (const e of ends) {
              const c = committed.find((p) => p.partition === e.partition);
              if (c && Number(c.offset) >= 0 && Number(c.offset) < Number(e.high)) return false;
            }
          }
        }
        return true;
      },
      { timeoutMs: 600_000, intervalMs: 500, description: 'every consumer group to catch up' },
    );
  /** Nothing left to publish in any outbox, and nothing left to consume. */
  const quiet = async () => {
    const unsent = NAMES.map(
      (n) => `(SELECT count(*) FROM ${n.replace('-svc', '')}.outbox WHERE sent_at IS NULL)`,
    );
    await waitFor(async () => Number((await db.query(`SELECT ${unsent.join(' + ')} AS n`)).rows[0].n) === 0, {
      timeoutMs: 600_000,
      intervalMs: 100,
      description: 'every outbox to drain',
    });
    await noConsumerLag();
  };
  return { outboxDrained, noConsumerLag, quiet, close: () => lagAdmin.disconnect() };
}
