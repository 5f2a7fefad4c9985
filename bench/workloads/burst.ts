import { closedLoop, median, type LoadResult } from '../load';
import { compare, medianBy } from '../measure';
import { BURST_SECONDS, CONCURRENCY, RELAY_EVENTS, RUNS, say } from '../settings';
import { inTransaction, ok, pidOf, type Bench } from '../context';

/**
 * Workload 5: a burst of claim reports at full rate, then the time until the relay has published everything and no
 * consumer group lags; then the relay's ceiling.
 */
export async function burst(b: Bench): Promise<void> {
  const { sampleMemory, reportClaim, outboxDrained, noConsumerLag, results } = b;
  // Workload 5: a 60-second burst of claim reports at full rate, then the time until the relay has published
  // everything and no consumer group lags.
  const bursts: { burst: LoadResult; catchUpSeconds: number }[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const burstSampler = setInterval(() => void sampleMemory('underLoadMb'), 1000);
    const burst = await closedLoop((i) => reportClaim(i, 'bench-burst').then(ok), {
      concurrency: CONCURRENCY,
      seconds: BURST_SECONDS,
    });
    clearInterval(burstSampler);
    const burstEnded = performance.now();
    await outboxDrained();
    await noConsumerLag();
    bursts.push({ burst, catchUpSeconds: Math.round(((performance.now() - burstEnded) / 1000) * 10) / 10 });
    say(`burst: ${burst.rps} req/s, then ${bursts[r].catchUpSeconds} s until no consumer lag`);
  }
  results.burst = medianBy(
    bursts.map((b) => b.burst),
    (b) => b.rps,
  );
  results.catchUpSeconds = median(bursts.map((b) => b.catchUpSeconds));
  results.outboxEventsPerSec = await relayCeiling(b, true);
}

// The relay's ceiling: 20,000 copies of the burst's events (new event ids, so consumers apply them as new)
// made pending at once, and the time until claims-svc's relay has published them all.
/**
 * The relay's ceiling: copies of the burst's events (new event ids, so consumers apply them as new) made pending at
 * once, and the time until claims-svc's relay has published them all.
 */
export async function relayCeiling(b: Bench, consumersRunning: boolean): Promise<number> {
  const { db, outboxDrained, noConsumerLag } = b;
  const rates: number[] = [];
  const writes: number[] = [];
  for (let r = 0; r < RUNS; r += 1) {
    const writing = performance.now();
    // In one transaction, so the relay finds them all at once; copied in rounds when fewer sent events exist than
    // asked for (a quick run's), so the rate is always over RELAY_EVENTS rows.
    await inTransaction(db, async (client) => {
      for (let made = 0; made < RELAY_EVENTS;) {
        const { rowCount } = await client.query(
          `WITH src AS (SELECT topic, message_key, event_type, envelope, headers FROM claims.outbox
                          WHERE sent_at IS NOT NULL ORDER BY id DESC LIMIT $1),
                  copies AS (SELECT gen_random_uuid() AS id, * FROM src)
             INSERT INTO claims.outbox (event_id, topic, message_key, event_type, envelope, headers)
             SELECT id, topic, message_key, event_type, jsonb_set(envelope, '{eventId}', to_jsonb(id::text)), headers
             FROM copies`,
          [RELAY_EVENTS - made],
        );
        if (!rowCount) throw new Error('claims-svc has published no event to copy');
        made += rowCount;
      }
    });
    // The clock starts once the rows are committed: writing them is the bench's work, not the relay's (0.3-0.45 s
    // of some 2 s when it was counted).
    const started = performance.now();
    writes.push(Math.round(started - writing));
    await db.query(`SELECT pg_notify('claims_outbox', '')`);
    await outboxDrained();
    rates.push(Math.round(RELAY_EVENTS / ((performance.now() - started) / 1000)));
    if (consumersRunning) await noConsumerLag(); // the next run starts on a quiet machine
  }
  say(
    `relay: ${rates.join(', ')} events/s${consumersRunning ? '' : ', claims-svc alone'} (rows written in ${writes.join(', ')} ms)`,
  );
  return median(rates);
}

/**
 * The same write with claims-svc alone (its relay still publishing): on 2 cores the shared figure competes with the
 * four services consuming every claim event; this one shows the endpoint's own cost.
 */
export async function claimsAlone(b: Bench): Promise<void> {
  const { processes, bareClaim, reportClaim, outboxDrained, results } = b;
  // The same write with claims-svc alone (its relay still publishing): on 2 cores the figure above shares the
  // machine with the four services consuming every claim event; this one shows the endpoint's own cost.
  await Promise.all(processes.filter((p) => p.name !== 'claims-svc').map((p) => p.stop()));
  // Its baseline is run again in turn with it: the stopped consumers cannot catch up, so a run waits for the claims
  // outbox only.
  const aloneWrites = await compare(
    { bare: 'bare Fastify + pg, claim intake statements', platform: 'POST /claims, claims-svc alone' },
    bareClaim,
    (i) => reportClaim(i, 'bench-alone').then(ok),
    outboxDrained,
    { bare: b.barePid, platform: pidOf(b, 'claims-svc') },
  );
  results.bareClaimWriteAlone = aloneWrites.bare;
  results.claimWriteAlone = aloneWrites.platform;
  // The relay's ceiling without the consumers' share of the two cores (the events wait in Kafka for them).
  results.outboxEventsPerSecAlone = await relayCeiling(b, false);
}
