/**
 * A fetch wait while a consumer is busy only. With Kafka's fetch.max.wait.ms and a fetch.min.bytes above one, the broker
 * holds a fetch to gather events, which saves the fetch's fixed cost (0.5 to 1.7 ms of CPU here, however many events
 * it brings) while events keep coming. kafkajs sets both once for a consumer's life, so a consumer given a wait also
 * waits when idle: it fetches once a wait doing nothing (fifty times a second with 20 ms), and the first event after a
 * quiet spell waits out the wait too.
 *
 * A consumer group registered here (`setBusyFetchWait`) fetches as kafkajs' defaults do (the broker answers as soon
 * as anything is there, or after its long poll) unless a fetch from that broker brought events in the last
 * `QUIET_MS`: then the broker may hold the fetch up to `waitMs`, or until `minBytes` are there. A consumer that events
 * reach every few hundred milliseconds stays gathering (alternating an eager and a waiting fetch would cost a fetch
 * more per wait); one that has heard nothing for a second long-polls. kafkajs reads the two settings off its
 * consumer group for each fetch, so they are set there just before it. Fetches from several brokers run side by side
 * and may read each other's choice; either is safe, one is only the less economical. Applied only to the version it
 * was written against.
 */

import { kafkajsCorrection } from './kafkajs-version';

export interface BusyFetchWait {
  /** How long the broker may hold a fetch that follows one which brought events. */
  readonly waitMs: number;
  /** The bytes that end that wait early. */
  readonly minBytes: number;
}

interface BatchLike {
  isEmpty(): boolean;
}

interface ConsumerGroupLike {
  readonly groupId: string;
  maxWaitTime: number;
  minBytes: number;
  fetch(nodeId: string): Promise<BatchLike[]>;
}

/** How long after a fetch brought events a consumer still counts as busy. */
export const QUIET_MS = 1_000;

const waits = new Map<string, BusyFetchWait>();
/** Per consumer group instance: its own settings (used when idle) and when a fetch from each broker last brought events. */
const states = new WeakMap<
  ConsumerGroupLike,
  { readonly idle: { maxWaitTime: number; minBytes: number }; readonly eventsAt: Map<string, number> }
>();

/** Gives a consumer group's fetches the wait while it is busy; `undefined` takes it back. */
export function setBusyFetchWait(groupId: string, wait: BusyFetchWait | undefined): void {
  if (wait) waits.set(groupId, wait);
  else waits.delete(groupId);
}

/** Patches kafkajs' consumer group fetch (once): false for another release of kafkajs, where waits are not used. */
export const applyKafkajsFetchWait = kafkajsCorrection(() => {
  const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup.js') as {
    prototype: ConsumerGroupLike;
  };
  const original = ConsumerGroup.prototype.fetch;
  ConsumerGroup.prototype.fetch = async function fetch(this: ConsumerGroupLike, nodeId: string) {
    const wait = waits.get(this.groupId);
    if (!wait) return original.call(this, nodeId);
    let state = states.get(this);
    if (!state) {
      state = { idle: { maxWaitTime: this.maxWaitTime, minBytes: this.minBytes }, eventsAt: new Map() };
      states.set(this, state);
    }
    const gathering = Date.now() - (state.eventsAt.get(nodeId) ?? -Infinity) < QUIET_MS;
    this.maxWaitTime = gathering ? wait.waitMs : state.idle.maxWaitTime;
    this.minBytes = gathering ? wait.minBytes : state.idle.minBytes;
    const batches = await original.call(this, nodeId);
    if (batches.some((batch) => !batch.isEmpty())) state.eventsAt.set(nodeId, Date.now());
    return batches;
  };
});
