import {
  FetchSession,
  applyKafkajsFetchSessions,
  fetchSessionCounts,
  setFetchSessions,
  type TopicFetch,
} from './kafkajs-fetch-session';

const at = (topic: string, offsets: Record<number, number>): TopicFetch => ({
  topic,
  partitions: Object.entries(offsets).map(([partition, offset]) => ({
    partition: Number(partition),
    fetchOffset: String(offset),
    maxBytes: 1_048_576,
  })),
});

/** The request's partitions as `topic/partition@offset`, sorted. */
const named = (topics: readonly TopicFetch[]) =>
  topics.flatMap((t) => t.partitions.map((p) => `${t.topic}/${p.partition}@${p.fetchOffset}`)).sort();

describe('FetchSession', () => {
  it('names every partition to create a session, then only the partitions whose offset moved', () => {
    const session = new FetchSession();
    const first = session.request([at('a', { 0: 5, 1: 7 }), at('b', { 0: 0 })]);
    expect(first).toMatchObject({ sessionId: 0, sessionEpoch: 0, full: true, forgottenTopics: [] });
    expect(named(first.topics)).toEqual(['a/0@5', 'a/1@7', 'b/0@0']);
    session.answered(first, 42);

    const unchanged = session.request([at('a', { 0: 5, 1: 7 }), at('b', { 0: 0 })]);
    expect(unchanged).toMatchObject({
      sessionId: 42,
      sessionEpoch: 1,
      full: false,
      topics: [],
      forgottenTopics: [],
    });
    session.answered(unchanged, 42);

    const moved = session.request([at('a', { 0: 5, 1: 9 }), at('b', { 0: 0 })]);
    expect(moved).toMatchObject({ sessionId: 42, sessionEpoch: 2, forgottenTopics: [] });
    expect(named(moved.topics)).toEqual(['a/1@9']);
    session.answered(moved, 42);
    // Stated once: the broker holds 9 from now on.
    expect(session.request([at('a', { 0: 5, 1: 9 }), at('b', { 0: 0 })]).topics).toEqual([]);
  });

  it('forgets the partitions no longer fetched and states them again when they come back', () => {
    const session = new FetchSession();
    session.answered(session.request([at('a', { 0: 1, 1: 1 }), at('b', { 0: 3 })]), 7);

    const paused = session.request([at('a', { 0: 1, 1: 1 })]);
    expect(paused.topics).toEqual([]);
    expect(paused.forgottenTopics).toEqual([{ topic: 'b', partitions: [0] }]);
    session.answered(paused, 7);

    const resumed = session.request([at('a', { 0: 1 }), at('b', { 0: 3 })]);
    expect(named(resumed.topics)).toEqual(['b/0@3']);
    expect(resumed.forgottenTopics).toEqual([{ topic: 'a', partitions: [1] }]);
  });

  it('states a partition again when its offset goes back (a batch not applied, a seek)', () => {
    const session = new FetchSession();
    session.answered(session.request([at('a', { 0: 10 })]), 7);
    const back = session.request([at('a', { 0: 4 })]);
    expect(named(back.topics)).toEqual(['a/0@4']);
  });

  it('keeps what the broker holds unchanged until it has answered', () => {
    const session = new FetchSession();
    session.answered(session.request([at('a', { 0: 1 })]), 7);
    session.request([at('a', { 0: 2 })]); // not answered: it failed
    session.end();
    const again = session.request([at('a', { 0: 2 })]);
    expect(again).toMatchObject({ sessionId: 0, sessionEpoch: 0, full: true });
    expect(named(again.topics)).toEqual(['a/0@2']);
  });

  it('asks again for a session while the broker creates none (session id 0)', () => {
    const session = new FetchSession();
    session.answered(session.request([at('a', { 0: 1 })]), 0);
    expect(session.open).toBe(false);
    expect(session.request([at('a', { 0: 1 })])).toMatchObject({ full: true, sessionEpoch: 0 });
  });

  it('closes an open session with a request at the final epoch naming nothing, and then has none', () => {
    const session = new FetchSession();
    expect(session.close()).toBeUndefined();
    session.answered(session.request([at('a', { 0: 1, 1: 1 })]), 7);
    const close = session.close();
    expect(close).toMatchObject({ sessionId: 7, sessionEpoch: -1, topics: [], forgottenTopics: [] });
    expect(session.open).toBe(false);
    expect(session.close()).toBeUndefined();
    expect(session.request([at('a', { 0: 1 })])).toMatchObject({ sessionId: 0, sessionEpoch: 0, full: true });
  });

  it('ends the session when the broker answers for another one', () => {
    const session = new FetchSession();
    session.answered(session.request([at('a', { 0: 1 })]), 7);
    session.answered(session.request([at('a', { 0: 1 })]), 8);
    expect(session.open).toBe(false);
  });

  it('wraps the epoch to 1 after the largest int32', () => {
    const session = new FetchSession();
    session.answered(session.request([at('a', { 0: 1 })]), 7);
    let sent = session.request([at('a', { 0: 1 })]);
    for (let i = 0; i < 3; i += 1) {
      session.answered(sent, 7);
      sent = session.request([at('a', { 0: 1 })]);
    }
    expect(sent.sessionEpoch).toBe(4);
    session.answered({ ...sent, sessionEpoch: 0x7fffffff }, 7);
    expect(session.request([at('a', { 0: 1 })]).sessionEpoch).toBe(1);
  });
});

describe("kafkajs' broker fetch with sessions", () => {
  // kafkajs' own Broker, its fetch patched; the transport below answers instead of a socket.
  const Broker = require('kafkajs/src/broker/index.js') as {
    prototype: { fetch(args: object): Promise<{ errorCode: number; sessionId: number }> };
  };
  const send = Object.getOwnPropertySymbols(Broker.prototype).find(
    (s) => s.description === 'private:Broker:sendRequest',
  ) as symbol;

  interface Sent {
    sessionId: number;
    sessionEpoch: number;
    partitions: string[];
    forgotten: string[];
  }

  /** A broker object whose requests go to `answer`, recording what each fetch sent. */
  const broker = (
    answer: (sent: Sent) => { errorCode: number; sessionId: number } | Error | Promise<never>,
  ) => {
    const sent: Sent[] = [];
    const connections = { destroyed: 0 };
    const b = Object.create(Broker.prototype) as Record<string | symbol, unknown> & {
      fetch(args: object): Promise<{ errorCode: number; sessionId: number }>;
      disconnect(): Promise<void>;
    };
    // What kafkajs' own disconnect ends.
    b.connectionPool = { destroy: async () => void (connections.destroyed += 1) };
    // Fetch v11 as kafkajs builds it, its defaults for the session fields included (no session: 0 and -1).
    b.lookupRequest = () => (args: Record<string, unknown>) => ({
      request: { apiVersion: 11 },
      args: { sessionId: 0, sessionEpoch: -1, forgottenTopics: [], ...args },
    });
    b[send] = async ({ args }: { args: Record<string, unknown> }) => {
      const s: Sent = {
        sessionId: args.sessionId as number,
        sessionEpoch: args.sessionEpoch as number,
        partitions: named(args.topics as TopicFetch[]),
        forgotten: (args.forgottenTopics as { topic: string; partitions: number[] }[]).flatMap((t) =>
          t.partitions.map((p) => `${t.topic}/${p}`),
        ),
      };
      sent.push(s);
      const result = answer(s);
      if (result instanceof Error) throw result;
      if (result instanceof Promise) return result;
      return { responses: [], ...result };
    };
    return { b, sent, connections };
  };
  const fetchArgs = (offsets: Record<number, number>) => ({
    maxWaitTime: 100,
    minBytes: 1,
    maxBytes: 1_000_000,
    topics: [at('t', offsets)],
  });

  beforeAll(() => expect(applyKafkajsFetchSessions()).toBe(true));
  afterEach(() => setFetchSessions(true));

  it('creates a session, then sends only what changed', async () => {
    const { b, sent } = broker(() => ({ errorCode: 0, sessionId: 9 }));
    const before = fetchSessionCounts();
    await b.fetch(fetchArgs({ 0: 1, 1: 1 }));
    await b.fetch(fetchArgs({ 0: 1, 1: 2 }));
    expect(sent).toEqual([
      { sessionId: 0, sessionEpoch: 0, partitions: ['t/0@1', 't/1@1'], forgotten: [] },
      { sessionId: 9, sessionEpoch: 1, partitions: ['t/1@2'], forgotten: [] },
    ]);
    const after = fetchSessionCounts();
    expect([after.full - before.full, after.incremental - before.incremental]).toEqual([1, 1]);
  });

  it('sends the fetch again in full, in a new session, when the broker no longer knows the session', async () => {
    // The broker creates session 11, then has forgotten it (evicted, or restarted) by the next fetch.
    const { b, sent } = broker((s) =>
      s.sessionId === 11 ? { errorCode: 70, sessionId: 0 } : { errorCode: 0, sessionId: 11 },
    );
    const ended = fetchSessionCounts().ended;
    await b.fetch(fetchArgs({ 0: 1 }));
    const answer = await b.fetch(fetchArgs({ 0: 2 }));
    expect(answer.errorCode).toBe(0);
    expect(sent.map((s) => [s.sessionId, s.sessionEpoch, s.partitions])).toEqual([
      [0, 0, ['t/0@1']],
      [11, 1, ['t/0@2']],
      [0, 0, ['t/0@2']],
    ]);
    expect(fetchSessionCounts().ended - ended).toBe(1);
  });

  it('ends the session when a fetch fails, and says why', async () => {
    let fail = false;
    const { b, sent } = broker(() =>
      fail ? new Error('connection closed') : { errorCode: 0, sessionId: 5 },
    );
    await b.fetch(fetchArgs({ 0: 1 }));
    fail = true;
    await expect(b.fetch(fetchArgs({ 0: 2 }))).rejects.toThrow('connection closed');
    fail = false;
    await b.fetch(fetchArgs({ 0: 2 }));
    expect(sent.map((s) => [s.sessionId, s.sessionEpoch])).toEqual([
      [0, 0],
      [5, 1],
      [0, 0],
    ]);
  });

  it('names the broker error when the fetch sent again in full fails too', async () => {
    const { b } = broker(() => ({ errorCode: 71, sessionId: 0 }));
    await expect(b.fetch(fetchArgs({ 0: 1 }))).rejects.toThrow(/epoch/i);
  });

  it('sends every fetch in full, without a session, when sessions are off', async () => {
    setFetchSessions(false);
    const { b, sent } = broker(() => ({ errorCode: 0, sessionId: 0 }));
    // kafkajs' own fetch goes out through the same transport, with its defaults for the session fields.
    await b.fetch(fetchArgs({ 0: 1 }));
    await b.fetch(fetchArgs({ 0: 1 }));
    expect(sent.map((s) => [s.sessionId, s.sessionEpoch, s.partitions])).toEqual([
      [0, -1, ['t/0@1']],
      [0, -1, ['t/0@1']],
    ]);
  });
  it('closes the session as it disconnects from the broker: a last fetch at the final epoch, naming nothing', async () => {
    const { b, sent, connections } = broker((s) =>
      s.sessionEpoch === -1 ? { errorCode: 0, sessionId: 0 } : { errorCode: 0, sessionId: 9 },
    );
    const closed = fetchSessionCounts().closed;
    await b.fetch(fetchArgs({ 0: 1, 1: 1 }));
    await b.disconnect();
    expect(sent.map((s) => [s.sessionId, s.sessionEpoch, s.partitions, s.forgotten])).toEqual([
      [0, 0, ['t/0@1', 't/1@1'], []],
      [9, -1, [], []],
    ]);
    expect(connections.destroyed).toBe(1);
    expect(fetchSessionCounts().closed - closed).toBe(1);
    // Connected again, the consumer's next fetch creates a new session.
    await b.fetch(fetchArgs({ 0: 1 }));
    expect(sent[2]).toMatchObject({ sessionId: 0, sessionEpoch: 0 });
  });

  it('disconnects without a request when no session is open, and whatever becomes of the close', async () => {
    const none = broker(() => ({ errorCode: 0, sessionId: 0 }));
    await none.b.fetch(fetchArgs({ 0: 1 })); // the broker created no session
    await none.b.disconnect();
    expect(none.sent).toHaveLength(1);
    expect(none.connections.destroyed).toBe(1);

    let failing = false;
    const refused = broker(() => (failing ? new Error('connection closed') : { errorCode: 0, sessionId: 4 }));
    await refused.b.fetch(fetchArgs({ 0: 1 }));
    failing = true;
    const closed = fetchSessionCounts().closed;
    await refused.b.disconnect();
    expect(refused.sent.map((s) => s.sessionEpoch)).toEqual([0, -1]);
    expect(refused.connections.destroyed).toBe(1);
    expect(fetchSessionCounts().closed - closed).toBe(0);
  });

  it('waits at most a second for the broker to answer the close before disconnecting', async () => {
    let silent = false;
    const { b, sent, connections } = broker(() =>
      silent ? new Promise<never>(() => undefined) : { errorCode: 0, sessionId: 6 },
    );
    await b.fetch(fetchArgs({ 0: 1 }));
    silent = true;
    jest.useFakeTimers();
    try {
      const disconnecting = b.disconnect();
      await jest.advanceTimersByTimeAsync(999);
      expect(connections.destroyed).toBe(0);
      await jest.advanceTimersByTimeAsync(1);
      await disconnecting;
    } finally {
      jest.useRealTimers();
    }
    expect(sent.map((s) => s.sessionEpoch)).toEqual([0, -1]);
    expect(connections.destroyed).toBe(1);
  });
});
