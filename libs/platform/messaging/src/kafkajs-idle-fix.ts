/**
 * kafkajs 2.2.4 (its last release) re-arms a timer for every broker connection after each check of its request
 * queue, and with nothing queued and no throttle the delay is negative, so it fires after 1 ms, forever (kafkajs
 * issues 1556, 1604 and 1704; the fixes proposed upstream were never released). Measured here: some 1,500 event-loop
 * wakeups a second and about 40 ms of CPU a second in each idle service, on a machine of two cores.
 *
 * The check is needed only while a request waits: `push` schedules one when it queues a request, and every response
 * checks the queue again. So with an empty queue and no throttle in force, no check is scheduled; otherwise kafkajs's
 * own logic runs. Applied only to the version it was written against.
 *
 * Each connection also checks its in-flight requests for a timeout on an interval of its own, every 100 ms (the
 * request timeout is 30 s): another ten wakeups a second per connection, five connections or more per service. The
 * check runs here once a second, as kafkajs' would otherwise: a timed-out request is answered at most a second late.
 */

import { kafkajsCorrection } from './kafkajs-version';

interface InflightRequestLike {
  readonly sentAt: number;
  readonly requestTimeout: number;
  timeoutRequest(): void;
}

interface RequestQueueLike {
  pending: unknown[];
  inflight: Map<number, InflightRequestLike>;
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  requestTimeoutIntervalId: NodeJS.Timeout | undefined;
  enforceRequestTimeout: boolean;
  requestTimeout: number;
  isConnected(): boolean;
  destroy(): void;
  scheduleCheckPendingRequests(): void;
  scheduleRequestTimeoutCheck(): void;
}

/** How often a connection looks for timed-out requests (kafkajs: every 100 ms). */
export const REQUEST_TIMEOUT_CHECK_MS = 1_000;

export const applyKafkajsIdleFix = kafkajsCorrection(() => {
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as {
    prototype: RequestQueueLike;
  };
  const original = RequestQueue.prototype.scheduleCheckPendingRequests;
  RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(
    this: RequestQueueLike,
  ) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    original.call(this);
  };
  RequestQueue.prototype.scheduleRequestTimeoutCheck = function scheduleRequestTimeoutCheck(
    this: RequestQueueLike,
  ) {
    if (!this.enforceRequestTimeout) return;
    this.destroy();
    this.requestTimeoutIntervalId = setInterval(
      () => {
        for (const request of this.inflight.values()) {
          if (Date.now() - request.sentAt > request.requestTimeout) request.timeoutRequest();
        }
        if (!this.isConnected()) this.destroy();
      },
      Math.min(this.requestTimeout, REQUEST_TIMEOUT_CHECK_MS),
    );
  };
});
