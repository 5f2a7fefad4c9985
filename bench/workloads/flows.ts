import { onboardCustomer, registerSalesperson, sellPolicy } from '@insurer/platform-scenarios';
import { httpRequest, waitFor } from '@insurer/platform-testing';
import { closedLoop, median, openLoop, percentile, type LoadResult, type Outcome } from '../load';
import { measure, medianBy, sayResult, type Hop } from '../measure';
import {
  CONCURRENCY,
  FLOW_SECONDS,
  FLOW_WARMUP_SECONDS,
  OPEN_LOOP_RATE,
  OPEN_LOOP_SECONDS,
  RUNS,
  say,
} from '../settings';
import { ok, otpReader, type Bench } from '../context';

/** Workloads 1 and 2: claims to assessment, and whole policy-issue flows; returns the flow for the latency runs. */
export async function flows(b: Bench): Promise<() => Promise<Outcome>> {
  const { urls, token, client, processes, reportClaim, results } = b;
  const handler = token('claims_handler', 'bench');
  // Workload 2: claims reported, documents completed and assessed, one claim per flow.
  results.claimFlow = await measure('claim reported, documents, assessed', async (i) => {
    const reported = await reportClaim(i, 'bench-flow');
    if (!ok(reported)) return false;
    const { claimId } = JSON.parse(reported.text) as { claimId: string };
    const documents = ['claim_form', 'invoice', 'expense_list', 'discharge_summary', 'insured_id'].map(
      (kind) => ({ kind, reference: `dms://${kind}/${claimId}`, sha256: 'a'.repeat(64) }),
    );
    const post = (path: string, body?: unknown) =>
      httpRequest(`${urls.claims}/claims/${claimId}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${handler}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then(ok);
    return (await post('/documents', { documents })) && post('/assessment');
  });

  // Workload 1: whole policy-issue flows through the public interfaces, 10 concurrent clients.
  const salespersonId = await registerSalesperson(client, () => undefined);
  const readOtp = otpReader(processes[0], 20);
  const issuePolicy = async (): Promise<Outcome> => {
    const { customerId } = await onboardCustomer(client, readOtp, () => undefined);
    const sold = await sellPolicy(client, customerId, salespersonId, () => undefined);
    return { latencyMs: sold.applicationToIssueMs };
  };
  const warmUp = await closedLoop(issuePolicy, { concurrency: CONCURRENCY, seconds: FLOW_WARMUP_SECONDS });
  sayResult('policy-issue flows, warm-up (discarded)', warmUp);
  results.policyFlowWarmUp = warmUp;
  results.policyFlow = await measure('policy-issue flows', issuePolicy, FLOW_SECONDS, 0);
  return issuePolicy;
}

/**
 * Workload 4: event latency at half of workload 1's rate, open loop: from the outbox row of each PolicyIssued to the
 * transaction that applied it in analytics (its KPI rows) and in compliance (its audit entry).
 */
export async function eventLatency(b: Bench, issuePolicy: () => Promise<Outcome>): Promise<void> {
  const { db, results } = b;
  const halfRate = OPEN_LOOP_RATE ?? Math.max(0.5, (results.policyFlow as LoadResult).rps / 2);
  const hop = async (schema: 'analytics' | 'compliance', since: Date): Promise<Hop> => {
    const query = `SELECT extract(epoch FROM (min(i.processed_at) - o.created_at)) * 1000 AS ms
       FROM contract.outbox o JOIN ${schema}.inbox i ON i.event_id = o.event_id
       WHERE o.event_type = 'contract.policy-issued' AND o.created_at >= $1 GROUP BY o.event_id, o.created_at`;
    const expected = (
      await db.query(
        `SELECT count(*)::int AS n FROM contract.outbox WHERE event_type = 'contract.policy-issued' AND created_at >= $1`,
        [since],
      )
    ).rows[0].n as number;
    const rows = await waitFor(
      async () => {
        const found = (await db.query(query, [since])).rows;
        return found.length >= expected ? found : undefined;
      },
      { timeoutMs: 120_000, description: `${schema} to apply every PolicyIssued` },
    );
    const ms = rows.map((r: { ms: string }) => Number(r.ms)).sort((x: number, y: number) => x - y);
    return { samples: ms.length, p50Ms: percentile(ms, 50), p99Ms: percentile(ms, 99) };
  };
  const openRuns: { flows: LoadResult; analytics: Hop; compliance: Hop }[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const since = new Date();
    const flows = await openLoop(issuePolicy, { ratePerSecond: halfRate, seconds: OPEN_LOOP_SECONDS });
    openRuns.push({
      flows,
      analytics: await hop('analytics', since),
      compliance: await hop('compliance', since),
    });
    say(`open loop at ${halfRate} flows/s: ${JSON.stringify(openRuns[r])}`);
  }
  results.policyFlowOpenLoop = medianBy(
    openRuns.map((r) => r.flows),
    (f) => f.p99Ms,
  );
  const medianHop = (hops: Hop[]): Hop => ({
    samples: hops.reduce((n, h) => n + h.samples, 0),
    p50Ms: median(hops.map((h) => h.p50Ms)),
    p99Ms: median(hops.map((h) => h.p99Ms)),
  });
  results.eventLatency = {
    rate: halfRate,
    analytics: medianHop(openRuns.map((r) => r.analytics)),
    compliance: medianHop(openRuns.map((r) => r.compliance)),
  };
}
