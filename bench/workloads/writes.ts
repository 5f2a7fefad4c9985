import { httpRequest } from '@insurer/platform-testing';
import { applicationBody, quotePolicy } from '@insurer/platform-scenarios';
import { closedLoop } from '../load';
import { compare } from '../measure';
import { CONCURRENCY, QUOTE_SECONDS, SECONDS, say } from '../settings';
import { ok, type Bench } from '../context';
import { processCpuSeconds } from './flow-cost';

/** Each process's CPU per request of one more closed-loop run with everything up, ms, idle use included. */
export interface RequestCpu {
  readonly requests: number;
  readonly rps: number;
  readonly msPerRequest: Record<string, number>;
}

/** The claims' reading as stored since 12cdc58 (results files keep their shape). */
export interface ClaimCpu {
  readonly claims: number;
  readonly rps: number;
  /** Each process's CPU per claim, ms, idle use included. */
  readonly msPerClaim: Record<string, number>;
}

/** Workload 0: the single-transaction writes, POST /claims and POST /applications, against their bare routes. */
export async function writes(b: Bench): Promise<void> {
  const { stories, token, bareUrl, urls, quiet, results, reportClaim, bareClaim, client, db } = b;
  // Workload 0: the single-transaction write.
  const claimWrites = await compare(
    { bare: 'bare Fastify + pg, claim intake statements', platform: 'POST /claims' },
    bareClaim,
    (i) => reportClaim(i, 'bench').then(ok),
    quiet,
  );
  results.bareClaimWrite = claimWrites.bare;
  results.claimWrite = claimWrites.platform;
  const claimCpu = await requestCpu(b, (i) => reportClaim(i, 'bench-cpu').then(ok));
  say(`CPU per claim, everything up (${claimCpu.rps}/s): ${JSON.stringify(claimCpu.msPerRequest)}`);
  results.claimCpu = { claims: claimCpu.requests, rps: claimCpu.rps, msPerClaim: claimCpu.msPerRequest };

  // Workload 0, second endpoint: POST /applications. A quote takes one application, so quotes are made first,
  // for the three story customers (identity verified, risk assessed) and their salespeople.
  const quotes: { quoteId: string; customerId: string; salespersonId: string }[] = [];
  await closedLoop(
    async (i) => {
      const { customerId, salespersonId } = stories[i % stories.length];
      // The story customers already hold the accident cover: each further quote carries their signed declaration.
      const quote = await quotePolicy(client, customerId, salespersonId, true);
      quotes.push({ quoteId: quote.quoteId as string, customerId, salespersonId });
      return true;
    },
    { concurrency: CONCURRENCY, seconds: QUOTE_SECONDS },
  );
  say(`${quotes.length} quotes made for the application runs`);
  const agent = token('agent', 'bench');
  const applyOn = (quote: (typeof quotes)[number] | undefined, base: string, path: string) => {
    if (!quote) return Promise.reject(new Error('out of quotes: make more before the runs'));
    return httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body: JSON.stringify(applicationBody(quote.quoteId, quote.customerId, quote.salespersonId)),
    }).then(ok);
  };
  // The bare route writes to copies of the tables, so it can use the quotes over again.
  await db.query(
    `INSERT INTO bench_bare.pipeline_entry SELECT * FROM sales.pipeline_entry ON CONFLICT DO NOTHING`,
  );
  let bareNext = 0;
  let next = 0;
  const applicationWrites = await compare(
    { bare: 'bare Fastify + pg, application statements', platform: 'POST /applications' },
    () => applyOn(quotes[bareNext++ % quotes.length], bareUrl, '/bare/applications'),
    () => applyOn(quotes[next++], urls.sales, '/applications'),
    quiet,
  );
  results.bareApplicationWrite = applicationWrites.bare;
  results.applicationWrite = applicationWrites.platform;
  const applicationCpu = await requestCpu(b, () => applyOn(quotes[next++], urls.sales, '/applications'));
  say(
    `CPU per application, everything up (${applicationCpu.rps}/s): ${JSON.stringify(applicationCpu.msPerRequest)}`,
  );
  results.applicationCpu = applicationCpu;
}

/**
 * Where a write's CPU goes with every service up: one more closed-loop run of the request, read from a quiet platform
 * to the moment its events (and those they lead to) are applied everywhere, each process's CPU (/proc) before and
 * after, per request. What the platform uses idle over the run is left in (some 10-30 ms a second a process, against
 * a hundred requests a second or more).
 */
async function requestCpu(b: Bench, request: (i: number) => Promise<boolean>): Promise<RequestCpu> {
  await b.quiet();
  const before = processCpuSeconds(b.processes);
  const run = await closedLoop(request, { concurrency: CONCURRENCY, seconds: SECONDS });
  await b.quiet();
  const after = processCpuSeconds(b.processes);
  const requests = run.requests - run.errors;
  const msPerRequest = Object.fromEntries(
    Object.keys(after).map((k) => [
      k,
      requests ? Math.round(((after[k] - before[k]) * 1000 * 100) / requests) / 100 : 0,
    ]),
  );
  return { requests, rps: run.rps, msPerRequest };
}
