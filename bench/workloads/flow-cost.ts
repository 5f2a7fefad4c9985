import { execFileSync } from 'node:child_process';
import { Topics } from '@insurer/contracts';
import { httpRequest } from '@insurer/platform-testing';
import { brokerPid, cpuSeconds } from '../resources';
import { closedLoop, type LoadResult, type Outcome } from '../load';
import { quietestRate } from '../measure';
import { CONCURRENCY, FLOW_SECONDS, NAMES, say } from '../settings';
import type { Bench } from '../context';

/** Every Postgres process's CPU, with what exited backends left in the postmaster's children's account. */
function postgresCpuSeconds(): number {
  try {
    const rows = execFileSync('ps', ['-C', 'postgres', '-o', 'pid=,ppid='], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.trim().split(/\s+/).map(Number));
    const pids = new Set(rows.map(([pid]) => pid));
    return rows.reduce((s, [pid, ppid]) => s + cpuSeconds(pid, !pids.has(ppid as number)), 0);
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by each service, the broker and Postgres (its exited backends included). */
export function processCpuSeconds(processes: Bench['processes']): Record<string, number> {
  const cpu: Record<string, number> = {};
  NAMES.forEach((name, i) => (cpu[name] = cpuSeconds(processes[i].pid)));
  cpu.kafka = cpuSeconds(brokerPid());
  cpu.postgres = postgresCpuSeconds();
  return cpu;
}

async function statementsReset(db: Bench['db']): Promise<boolean> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT pg_stat_statements_reset()');
    return true;
  } catch {
    return false;
  }
}

export interface StatementCount {
  readonly perFlow: number;
  readonly msPerFlow: number;
  /**
   * Times Postgres planned it, and the planning's ms, a flow: with `pg_stat_statements.track_planning` on only (runs
   * before 2026-12-05 did not read them). A prepared statement planned on most of its runs shows here.
   */
  readonly plansPerFlow?: number;
  readonly planMsPerFlow?: number;
  readonly query: string;
}

/**
 * Where a flow's Postgres work goes, by statement, when the server has pg_stat_statements loaded (it needs
 * `shared_preload_libraries`, a restart, so the bench never sets it up itself): statements are counted from a reset
 * just before the run to its end reading, which is when every outbox is drained and every consumer has caught up.
 * The idle platform's statements over the same stretch are in these counts (a few a second, against hundreds). With
 * `pg_stat_statements.track_planning` on (`ALTER SYSTEM` and a reload), each statement's planning is read too.
 */
async function statementsPerFlow(db: Bench['db'], flows: number): Promise<StatementCount[]> {
  const rows = (
    await db.query(
      `SELECT s.calls::float8 AS calls, s.total_exec_time AS ms, s.plans::float8 AS plans,
              s.total_plan_time AS "planMs", current_setting('pg_stat_statements.track_planning')::bool AS planning,
              s.query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database()
        ORDER BY s.calls DESC LIMIT 200`,
    )
  ).rows as { calls: number; ms: number; plans: number; planMs: number; planning: boolean; query: string }[];
  const round = (x: number) => Math.round(x * 100) / 100;
  return rows.map((r) => ({
    perFlow: round(r.calls / flows),
    msPerFlow: round(r.ms / flows),
    ...(r.planning ? { plansPerFlow: round(r.plans / flows), planMsPerFlow: round(r.planMs / flows) } : {}),
    query: r.query.replace(/\s+/g, ' ').slice(0, 160),
  }));
}

interface Reading {
  readonly transactions: number;
  /** Connections Postgres has accepted so far (each a new backend process). */
  readonly sessions: number;
  readonly records: number;
  readonly cpu: Record<string, number>;
  /** Each service's round trips to Postgres so far (its `db_round_trips_total`; the relay's own connection aside). */
  readonly roundTrips: Record<string, number>;
  /** HTTP requests each service has answered so far, by `method route` (from its request-duration histogram). */
  readonly requests: Record<string, Record<string, number>>;
  /** Messages each service's consumers have read so far, by outcome (applied, skipped, duplicate, ...). */
  readonly consumed: Record<string, Record<string, number>>;
  /** Fetches each service's consumer has made so far. */
  readonly fetches: Record<string, number>;
  /** Requests each service has answered with a 5xx so far (a poll of the load driver's that failed is asked again). */
  readonly serverErrors: Record<string, number>;
}

/** A service's round trips to Postgres and the requests it answered, from its /metrics. */
async function countsOf(url: string): Promise<{
  roundTrips: number;
  requests: Record<string, number>;
  consumed: Record<string, number>;
  fetches: number;
  serverErrors: number;
}> {
  const { text } = await httpRequest(`${url}/metrics`);
  const sumBy = (metric: string, key: (label: (name: string) => string) => string) => {
    const sums: Record<string, number> = {};
    for (const m of text.matchAll(new RegExp(`^${metric}\\{([^}]*)\\} (\\d+)`, 'gm'))) {
      const k = key((name) => new RegExp(`${name}="([^"]*)"`).exec(m[1])?.[1] ?? '');
      sums[k] = (sums[k] ?? 0) + Number(m[2]);
    }
    return sums;
  };
  return {
    roundTrips: Number(/^db_round_trips_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0),
    fetches: Number(/^kafka_consumer_fetches_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? 0),
    requests: sumBy('http_request_duration_seconds_count', (l) => `${l('method')} ${l('route')}`),
    consumed: sumBy('events_consumed_total', (l) => l('outcome')),
    serverErrors: Object.entries(sumBy('http_request_duration_seconds_count', (l) => l('status'))).reduce(
      (sum, [status, n]) => (status.startsWith('5') ? sum + n : sum),
      0,
    ),
  };
}

/**
 * What one whole policy-issue flow costs, everything included: a closed-loop run of flows between two readings taken
 * when every outbox is drained and every consumer has caught up, so the asynchronous work the flows cause (relays,
 * six services' consumers, the broker) is in the figures. Postgres transactions from pg_stat_database, Kafka records
 * from the topics' end offsets, CPU from /proc per process. The rate as a share of the database's limit is the flow
 * rate against pgbench simple-update TPS divided by the transactions a flow needs.
 */
export async function flowCost(b: Bench, issuePolicy: () => Promise<Outcome>): Promise<void> {
  const { db, kafka, processes, results } = b;
  const admin = kafka.admin();
  await admin.connect();
  const topics = [...new Set(Object.values(Topics))];
  const databaseCounts = async () => {
    const [row] = (
      await db.query<{ transactions: string; sessions: string }>(
        `SELECT xact_commit + xact_rollback AS transactions, sessions FROM pg_stat_database
         WHERE datname = current_database()`,
      )
    ).rows;
    return { transactions: Number(row.transactions), sessions: Number(row.sessions) };
  };
  // A backend reports its counts when it goes idle, at most once a second and otherwise within 10 s: each reading
  // waits that long after the platform went quiet, so the work before it is counted.
  const flushed = () => new Promise((resolve) => setTimeout(resolve, 11_000));
  const read = async (): Promise<Reading & { at: number }> => {
    await b.quiet();
    await flushed();
    let records = 0;
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      for (const p of offsets) records += Number(p.high);
    }
    const cpu = processCpuSeconds(processes);
    const roundTrips: Record<string, number> = {};
    const requests: Record<string, Record<string, number>> = {};
    const consumed: Record<string, Record<string, number>> = {};
    const fetches: Record<string, number> = {};
    const serverErrors: Record<string, number> = {};
    for (const name of NAMES) {
      const counts = await countsOf(b.urls[name.replace(/-svc$/, '') as keyof Bench['urls']]);
      roundTrips[name] = counts.roundTrips;
      requests[name] = counts.requests;
      consumed[name] = counts.consumed;
      fetches[name] = counts.fetches;
      serverErrors[name] = counts.serverErrors;
    }
    return {
      ...(await databaseCounts()),
      records,
      cpu,
      roundTrips,
      requests,
      consumed,
      fetches,
      serverErrors,
      at: Date.now(),
    };
  };

  // The platform idle (relays polling, periodic sweeps, consumers' heartbeats) over two windows each as long as a
  // reading's wait; each counter's slower window is taken off the flows' figures, which are then what the flows
  // themselves cost. One window right after the previous workload read customer-svc idle at 52.9 ms of CPU a second
  // (6-12 measured alone), which took some 5 ms a flow off its figure.
  const idle = [await read(), await read(), await read()];
  const idleRate = (value: (r: Reading & { at: number }) => number) => quietestRate(idle, value);
  const before = idle[idle.length - 1];
  const counting = await statementsReset(db);
  const driver = process.cpuUsage();
  const run: LoadResult = await closedLoop(issuePolicy, { concurrency: CONCURRENCY, seconds: FLOW_SECONDS });
  const driverCpu = process.cpuUsage(driver);
  const after = await read();
  await admin.disconnect();
  const flows = run.requests - run.errors;
  const statements = counting && flows ? await statementsPerFlow(db, flows) : undefined;
  const seconds = (after.at - before.at) / 1000;
  const ms = (reading: Reading, process: string) => (reading.cpu[process] ?? 0) * 1000;
  // The change over the run, less what the idle platform does in as long.
  const perFlow = (a: number, z: number, idle: number) =>
    flows ? Math.round(((z - a - idle * seconds) / flows) * 10) / 10 : 0;
  const cpuMsPerFlow = Object.fromEntries(
    Object.keys(after.cpu).map((k) => [
      k,
      perFlow(
        ms(before, k),
        ms(after, k),
        idleRate((r) => ms(r, k)),
      ),
    ]),
  );
  const roundTripsPerFlow = Object.fromEntries(
    NAMES.map((k) => [
      k,
      perFlow(
        before.roundTrips[k],
        after.roundTrips[k],
        idleRate((r) => r.roundTrips[k]),
      ),
    ]),
  );
  // Requests per flow by service and route: the load driver's, including its polls of eventually consistent state
  // (the idle platform answers none, so nothing is taken off).
  const requestsPerFlow: Record<string, number> = {};
  const routesPerFlow: { route: string; perFlow: number }[] = [];
  for (const name of NAMES) {
    let sum = 0;
    for (const [route, n] of Object.entries(after.requests[name])) {
      const d = n - (before.requests[name][route] ?? 0);
      if (d <= 0 || route.includes('/metrics')) continue;
      sum += d;
      routesPerFlow.push({ route: `${name} ${route}`, perFlow: perFlow(0, d, 0) });
    }
    requestsPerFlow[name] = perFlow(0, sum, 0);
  }
  routesPerFlow.sort((x, y) => y.perFlow - x.perFlow);
  // Messages read per flow by each service's consumers, by outcome (idle periods read none).
  const consumedPerFlow = Object.fromEntries(
    NAMES.map((name) => [
      name,
      Object.fromEntries(
        Object.entries(after.consumed[name])
          .map(([outcome, n]) => [outcome, perFlow(before.consumed[name][outcome] ?? 0, n, 0)] as const)
          .filter(([, n]) => n > 0),
      ),
    ]),
  );
  // The consumers' fetches per flow (the idle platform's long polls, one per 5 s, taken off like the rest).
  const fetchesPerFlow = Object.fromEntries(
    NAMES.map((k) => [
      k,
      perFlow(
        before.fetches[k],
        after.fetches[k],
        idleRate((r) => r.fetches[k]),
      ),
    ]),
  );
  // What each process uses with nothing to do (timers, polls, heartbeats, fetches held by the broker), which the
  // per-flow figures leave out: a setting that moves work from the flows to the idle platform shows here.
  const idleCpuMsPerSec = Object.fromEntries(
    Object.keys(after.cpu).map((k) => [k, Math.round(idleRate((r) => ms(r, k)) * 10) / 10]),
  );
  const totalCpuMs = Math.round(Object.values(cpuMsPerFlow).reduce((s, v) => s + v, 0) * 10) / 10;
  const transactionsPerFlow = perFlow(
    before.transactions,
    after.transactions,
    idleRate((r) => r.transactions),
  );
  const simpleUpdateTps = results.pgbenchSimpleUpdateTps as number;
  const dbLimitFlowsPerSec = transactionsPerFlow ? simpleUpdateTps / transactionsPerFlow : 0;
  results.flowCost = {
    flows,
    flowsPerSec: run.rps,
    transactionsPerFlow,
    kafkaRecordsPerFlow: perFlow(
      before.records,
      after.records,
      idleRate((r) => r.records),
    ),
    idleTransactionsPerSec: Math.round(idleRate((r) => r.transactions) * 10) / 10,
    // A pool that let its connections go while the platform was quiet opens them again here, each a new backend.
    connectionsOpened: after.sessions - before.sessions,
    cpuMsPerFlow,
    idleCpuMsPerSec,
    totalCpuMsPerFlow: totalCpuMs,
    roundTripsPerFlow,
    totalRoundTripsPerFlow: Math.round(Object.values(roundTripsPerFlow).reduce((s, v) => s + v, 0) * 10) / 10,
    requestsPerFlow,
    routesPerFlow,
    consumedPerFlow,
    fetchesPerFlow,
    // Flows whose polls met a 5xx still finish (the poll is asked again), so these say whether a service failed.
    serverErrorsDuringRun: Object.fromEntries(
      NAMES.map((k) => [k, after.serverErrors[k] - before.serverErrors[k]]).filter(([, n]) => Number(n) > 0),
    ),
    loadDriverCpuMsPerFlow: flows ? Math.round((driverCpu.user + driverCpu.system) / 1000 / flows) : 0,
    dbLimitFlowsPerSec: Math.round(dbLimitFlowsPerSec * 10) / 10,
    dbLimitShare: dbLimitFlowsPerSec ? Math.round((run.rps / dbLimitFlowsPerSec) * 1000) / 1000 : 0,
    ...(statements ? { statements } : {}),
  };
  say(`flow cost: ${JSON.stringify(results.flowCost)}`);
}
