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
});
