/**
 * Incremental fetch sessions (Kafka's KIP-227) for kafkajs' consumers. kafkajs 2.2.4 sends every fetch in full: each
 * partition the consumer holds, with its offset, in the request, and each of them, empty or not, in the answer,
 * which kafkajs decodes and turns into a batch. compliance-svc and analytics-svc read six topics of six partitions,
 * and a flow's event lands in one of them, so nearly all of every fetch was partitions with nothing new, on both
 * sides of the socket and in the broker.
 *
 * With a session the broker keeps the fetched partitions and their offsets between fetches. The first fetch creates
 * it and names every partition; each later one names only the partitions whose offset (or limits) changed since the
 * broker last heard them, and those the consumer no longer fetches (paused, deferred, taken by a rebalance) as
 * forgotten; the broker answers with the partitions that have records, a moved high watermark or an error. What a
 * consumer receives is what a full fetch would have brought it, less the empty partitions.
 *
 * Each kafkajs broker object keeps its own session, one fetch at a time (a second fetch while one is out goes
 * without a session, in full). Any failure of a fetch, and any error the broker names for the session (evicted,
 * epoch out of step, broker restarted), ends it: the fetch is sent once more in full, creating a new session. A broker
 * that keeps no sessions (`max.incremental.fetch.session.cache.slots=0`) answers a session id of 0, and every fetch
 * then goes in full as before. When kafkajs disconnects from a broker (a consumer stopping, a service shutting down),
 * an open session is closed with a last, empty fetch (KIP-227's final epoch), so the broker frees its slot at once
 * rather than keeping it until it evicts it. Applied only to the version it was written against.
 */

import { kafkajsCorrection } from './kafkajs-version';

/** A partition's part of a fetch request, as kafkajs' consumer group builds it. */
export interface PartitionFetch {
  readonly partition: number;
  readonly fetchOffset: string;
  readonly maxBytes: number;
  readonly currentLeaderEpoch?: number;
  readonly logStartOffset?: number;
}

export interface TopicFetch {
  readonly topic: string;
  readonly partitions: readonly PartitionFetch[];
}

/** What one fetch sends of the session: its id and epoch, the partitions to (re)state, those to forget. */
export interface SessionRequest {
  readonly sessionId: number;
  readonly sessionEpoch: number;
  readonly topics: readonly TopicFetch[];
  readonly forgottenTopics: { topic: string; partitions: number[] }[];
  /** Whether it states every partition (creating a session), rather than the changes to one. */
  readonly full: boolean;
  /** What the broker holds of the session once it has answered this request. */
  readonly held: Map<string, Map<number, string>>;
}

/** The epoch that asks the broker for a new session (KIP-227's INITIAL_EPOCH). */
const INITIAL_EPOCH = 0;
/** The epoch that closes a session: the broker removes it and answers the fetch without one (FINAL_EPOCH). */
const FINAL_EPOCH = -1;
const MAX_EPOCH = 0x7fffffff;

/** What of a partition's request the broker keeps in the session: a change to any of it is sent again. */
const stated = (p: PartitionFetch) =>
  `${p.fetchOffset}/${p.maxBytes}/${p.currentLeaderEpoch ?? -1}/${p.logStartOffset ?? -1}`;

/**
 * One broker's fetch session as the client keeps it: the session's id and next epoch, and what the broker holds of
 * each partition. No I/O: `request` says what to send for the partitions wanted now, `answered` takes the broker's
 * answer to it, `end` drops the session after any failure.
 */
export class FetchSession {
  private id = 0;
  private epoch = INITIAL_EPOCH;
  private held = new Map<string, Map<number, string>>();

  /** Whether a session is open on the broker (a fetch then names only what changed). */
  get open(): boolean {
    return this.id !== 0;
  }

  request(wanted: readonly TopicFetch[]): SessionRequest {
    const next = new Map<string, Map<number, string>>();
    for (const { topic, partitions } of wanted) {
      let byPartition = next.get(topic);
      if (!byPartition) next.set(topic, (byPartition = new Map()));
      for (const p of partitions) byPartition.set(p.partition, stated(p));
    }
    if (!this.open)
      return {
        sessionId: 0,
        sessionEpoch: INITIAL_EPOCH,
        topics: wanted,
        forgottenTopics: [],
        full: true,
        held: next,
      };
    const topics: TopicFetch[] = [];
    for (const { topic, partitions } of wanted) {
      const before = this.held.get(topic);
      const changed = partitions.filter((p) => before?.get(p.partition) !== stated(p));
      if (changed.length) topics.push({ topic, partitions: changed });
    }
    const forgottenTopics: { topic: string; partitions: number[] }[] = [];
    for (const [topic, before] of this.held) {
      const now = next.get(topic);
      const gone = [...before.keys()].filter((partition) => !now?.has(partition));
      if (gone.length) forgottenTopics.push({ topic, partitions: gone });
    }
    return { sessionId: this.id, sessionEpoch: this.epoch, topics, forgottenTopics, full: false, held: next };
  }

  /**
   * The broker answered `sent` without error, naming `sessionId`: for a full request the session it created (0: it
   * created none, and the next fetch asks again), for a later one the session it went on with.
   */
  answered(sent: SessionRequest, sessionId: number): void {
    if (sessionId === 0 || (!sent.full && sessionId !== this.id)) {
      this.end();
      return;
    }
    this.id = sessionId;
    this.held = sent.held;
    this.epoch = sent.full ? 1 : sent.sessionEpoch >= MAX_EPOCH ? 1 : sent.sessionEpoch + 1;
  }

  /** The request that closes the open session, naming nothing to fetch (none when no session is open); ends it here. */
  close(): SessionRequest | undefined {
    if (!this.open) return undefined;
    const sent = {
      sessionId: this.id,
      sessionEpoch: FINAL_EPOCH,
      topics: [],
      forgottenTopics: [],
      full: false,
      held: new Map(),
    };
    this.end();
    return sent;
  }

  /** Forgets the session: the next fetch creates a new one. */
  end(): void {
    this.id = 0;
    this.epoch = INITIAL_EPOCH;
    this.held = new Map();
  }
}

/** How the fetches with a session went, counted over the process: for the messaging metrics and the tests. */
export interface FetchSessionCounts {
  /** Fetches that named every partition (each creating a session). */
  full: number;
  /** Fetches that named only what changed in an open session. */
  incremental: number;
  /** Sessions ended by a failed fetch or an error the broker named for the session. */
  ended: number;
  /** Sessions closed on the broker as kafkajs disconnected from it. */
  closed: number;
}

const counts: FetchSessionCounts = { full: 0, incremental: 0, ended: 0, closed: 0 };

export function fetchSessionCounts(): Readonly<FetchSessionCounts> {
  return { ...counts };
}

let enabled = true;

/** Whether consumers' fetches use sessions (KAFKA_FETCH_SESSIONS); takes effect from each broker's next fetch. */
export function setFetchSessions(on: boolean): void {
  enabled = on;
}

interface FetchArgs {
  readonly topics: readonly TopicFetch[];
  readonly maxWaitTime?: number;
  readonly minBytes?: number;
  readonly maxBytes?: number;
  readonly rackId?: string;
  readonly [setting: string]: unknown;
}

interface FetchAnswer {
  readonly errorCode?: number;
  readonly sessionId?: number;
}

interface ProtocolRequest {
  readonly request: { readonly apiVersion: number };
}

interface BrokerLike {
  lookupRequest(apiKey: number, definition: unknown): (args: object) => ProtocolRequest;
  fetch(args: FetchArgs): Promise<FetchAnswer>;
  disconnect(): Promise<void>;
}

/** The first Fetch version with sessions. */
const SESSION_VERSION = 7;
/** How long a disconnect waits for the broker to answer the fetch that closes its session. */
const CLOSE_WAIT_MS = 1_000;

/** Patches kafkajs' broker fetch (once): false for another release of kafkajs, whose fetches stay in full. */
export const applyKafkajsFetchSessions = kafkajsCorrection(() => {
  const Broker = require('kafkajs/src/broker/index.js') as { prototype: BrokerLike };
  const { requests } = require('kafkajs/src/protocol/requests/index.js') as { requests: { Fetch: unknown } };
  const apiKeys = require('kafkajs/src/protocol/requests/apiKeys.js') as { Fetch: number };
  const { createErrorFromCode } = require('kafkajs/src/protocol/error.js') as {
    createErrorFromCode(code: number): Error;
  };
  // kafkajs sends through a method keyed by a symbol of its own; a fetch with a session must go the same way.
  const send = Object.getOwnPropertySymbols(Broker.prototype).find(
    (s) => s.description === 'private:Broker:sendRequest',
  );
  if (!send) throw new Error('kafkajs-fetch-session: kafkajs 2.2.4 without its private sendRequest');
  const original = Broker.prototype.fetch;
  const sessions = new WeakMap<BrokerLike, FetchSession>();
  const busy = new WeakSet<BrokerLike>();

  Broker.prototype.fetch = async function fetch(this: BrokerLike, args: FetchArgs) {
    if (!enabled || busy.has(this)) return original.call(this, args);
    const build = this.lookupRequest(apiKeys.Fetch, requests.Fetch);
    let session = sessions.get(this);
    if (!session) sessions.set(this, (session = new FetchSession()));
    busy.add(this);
    try {
      for (let attempt = 0; ; attempt += 1) {
        const sent = session.request(args.topics);
        // The defaults kafkajs' own fetch gives; the consumer group passes each of them.
        const request = build({
          ...args,
          maxWaitTime: args.maxWaitTime ?? 5_000,
          minBytes: args.minBytes ?? 1,
          maxBytes: args.maxBytes ?? 10_485_760,
          rackId: args.rackId ?? '',
          sessionId: sent.sessionId,
          sessionEpoch: sent.sessionEpoch,
          topics: sent.topics,
          forgottenTopics: sent.forgottenTopics,
        });
        if (request.request.apiVersion < SESSION_VERSION) return await original.call(this, args);
        let answer: FetchAnswer;
        try {
          answer = await (this as unknown as Record<symbol, (r: ProtocolRequest) => Promise<FetchAnswer>>)[
            send
          ](request);
        } catch (err) {
          // The broker may or may not have moved the session on; a new one is certain.
          if (session.open) counts.ended += 1;
          session.end();
          throw err;
        }
        if (answer.errorCode) {
          // FETCH_SESSION_ID_NOT_FOUND, INVALID_FETCH_SESSION_EPOCH and the like: nothing was fetched.
          counts.ended += 1;
          session.end();
          if (attempt === 0) continue;
          throw createErrorFromCode(answer.errorCode);
        }
        if (sent.full) counts.full += 1;
        else counts.incremental += 1;
        session.answered(sent, answer.sessionId ?? 0);
        return answer;
      }
    } finally {
      busy.delete(this);
    }
  };

  const disconnect = Broker.prototype.disconnect;
  Broker.prototype.disconnect = async function (this: BrokerLike) {
    const sessionOf = sessions.get(this);
    // A fetch still out holds the session; the broker evicts it in time, as it does a killed process's.
    const close = sessionOf && !busy.has(this) ? sessionOf.close() : undefined;
    if (close) {
      // kafkajs' defaults for the rest (a consumer's replica id, read committed).
      const request = this.lookupRequest(
        apiKeys.Fetch,
        requests.Fetch,
      )({
        maxWaitTime: 0,
        minBytes: 0,
        maxBytes: 1,
        rackId: '',
        sessionId: close.sessionId,
        sessionEpoch: close.sessionEpoch,
        topics: close.topics,
        forgottenTopics: close.forgottenTopics,
      });
      const sending = (this as unknown as Record<symbol, (r: ProtocolRequest) => Promise<FetchAnswer>>)[send](
        request,
      );
      let timer: NodeJS.Timeout | undefined;
      const answer = await Promise.race([
        sending.catch(() => undefined),
        new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CLOSE_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (answer && !answer.errorCode) counts.closed += 1;
    }
    return disconnect.call(this);
  };
});
