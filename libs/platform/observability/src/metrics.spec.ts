import { EVENT_LOOP_RESOLUTION_MS, MetricsRegistry } from './metrics';

// The module object prom-client calls through (an `import * as` would be a copy the spy never reaches).
const perfHooks = require('perf_hooks') as typeof import('perf_hooks');

describe('MetricsRegistry', () => {
  afterEach(() => jest.restoreAllMocks());

  it('samples the event loop delay every 100 ms, not on a 10 ms timer', () => {
    const monitor = jest.spyOn(perfHooks, 'monitorEventLoopDelay');
    const metrics = new MetricsRegistry('test-svc');
    expect(monitor).toHaveBeenCalledWith({ resolution: EVENT_LOOP_RESOLUTION_MS });
    expect(EVENT_LOOP_RESOLUTION_MS).toBe(100);
    metrics.registry.clear();
  });

  it('still reports the event loop lag', async () => {
    const metrics = new MetricsRegistry('test-svc');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds\{service="test-svc"\} /m);
    metrics.registry.clear();
  });
  it("reports the fetch sessions' counts as they are at each scrape", async () => {
    const metrics = new MetricsRegistry('test-svc');
    const counts = { full: 2, incremental: 40, ended: 1, closed: 0 };
    metrics.watchFetchSessions(() => counts);
    const first = await metrics.registry.metrics();
    expect(first).toMatch(/^kafka_fetch_session_fetches_total\{kind="incremental",service="test-svc"\} 40$/m);
    expect(first).toMatch(/^kafka_fetch_sessions_ended_total\{service="test-svc"\} 1$/m);
    expect(first).toMatch(/^kafka_fetch_sessions_closed_total\{service="test-svc"\} 0$/m);
    Object.assign(counts, { incremental: 45, closed: 1 });
    const second = await metrics.registry.metrics();
    expect(second).toMatch(
      /^kafka_fetch_session_fetches_total\{kind="incremental",service="test-svc"\} 45$/m,
    );
    expect(second).toMatch(/^kafka_fetch_sessions_closed_total\{service="test-svc"\} 1$/m);
    metrics.registry.clear();
  });
});
