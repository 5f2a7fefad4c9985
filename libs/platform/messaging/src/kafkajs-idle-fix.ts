/**
 * kafkajs 2.2.4 (its last release) re-arms a timer for every broker connection after each check of its request
 * queue, and with nothing queued and no throttle the delay is negative, so it fires after 1 ms, forever (kafkajs
 * issues 1556, 1604 and 1704; the fixes proposed upstream were never released). Measured here: some 1,500 event-loop
 * wakeups a second and about 40 ms of CPU a second in each idle service, on a machine of two cores.
 *
 * The check is needed only while a request waits: `push` schedules one when it queues a request, and every response
 * checks the queue again. So with an empty queue and no throttle in force, no check is scheduled; otherwise kafkajs's
 * own logic runs. Applied only to the version it was written against.
 */

import { kafkajsIsCorrectedVersion } from './kafkajs-version';

interface RequestQueueLike {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
}

let applied = false;

export function applyKafkajsIdleFix(): boolean {
  if (applied) return true;
  if (!kafkajsIsCorrectedVersion()) return false;
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
  applied = true;
  return true;
}
