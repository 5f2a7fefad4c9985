import { REQUEST_TIMEOUT_CHECK_MS, applyKafkajsIdleFix } from './kafkajs-idle-fix';

interface Queue {
  pending: unknown[];
  inflight: Map<number, { sentAt: number; requestTimeout: number; timeoutRequest(): void }>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  scheduleRequestTimeoutCheck(): void;
  destroy(): void;
}

// kafkajs's own request queue class, the one every broker connection uses.
const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as new (
  options: Record<string, unknown>,
) => Queue;

const silent = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  info: () => undefined,
};
const queue = (options: Record<string, unknown> = {}) =>
  new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 30_000,
    clientId: 'test',
    broker: 'b',
    logger: silent,
    ...options,
  });

describe('the kafkajs idle request-queue fix', () => {
  beforeAll(() => expect(applyKafkajsIdleFix()).toBe(true));

  it('arms no timer for a queue with nothing waiting and no throttle', () => {
    const q = queue();
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still schedules the check while a request waits, or while a throttle is in force', () => {
    const waiting = queue();
    waiting.pending.push({});
    waiting.scheduleCheckPendingRequests();
    expect(waiting.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(waiting.throttleCheckTimeoutId ?? undefined);

    const throttled = queue();
    throttled.throttledUntil = Date.now() + 60_000;
    throttled.scheduleCheckPendingRequests();
    expect(throttled.throttleCheckTimeoutId).not.toBeNull();
    clearTimeout(throttled.throttleCheckTimeoutId ?? undefined);
  });

  describe('the check for timed-out requests', () => {
    beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
    afterEach(() => jest.useRealTimers());

    const sent = (q: Queue, requestTimeout: number) => {
      const request = { sentAt: Date.now(), requestTimeout, timeoutRequest: jest.fn() };
      q.inflight.set(1, request);
      return request;
    };

    it('runs once a second: a request is timed out within a second of its deadline, not every 100 ms', () => {
      const q = queue({ enforceRequestTimeout: true });
      const request = sent(q, 30_000);
      q.scheduleRequestTimeoutCheck();
      // kafkajs's own interval (100 ms) would have timed it out at 30.1 s.
      jest.advanceTimersByTime(30_000 + REQUEST_TIMEOUT_CHECK_MS - 1);
      expect(request.timeoutRequest).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(request.timeoutRequest).toHaveBeenCalledTimes(1);
      q.destroy();
    });

    it('checks as often as the timeout when that is shorter than a second', () => {
      const q = queue({ enforceRequestTimeout: true, requestTimeout: 300 });
      const request = sent(q, 300);
      q.scheduleRequestTimeoutCheck();
      jest.advanceTimersByTime(600);
      expect(request.timeoutRequest).toHaveBeenCalledTimes(1);
      q.destroy();
    });

    it('stops when the connection is gone, and arms nothing when timeouts are not enforced', () => {
      let connected = true;
      const q = queue({ enforceRequestTimeout: true, isConnected: () => connected });
      q.scheduleRequestTimeoutCheck();
      expect(jest.getTimerCount()).toBe(1);
      connected = false;
      jest.advanceTimersByTime(REQUEST_TIMEOUT_CHECK_MS);
      expect(jest.getTimerCount()).toBe(0);

      const lax = queue({ enforceRequestTimeout: false });
      lax.scheduleRequestTimeoutCheck();
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
