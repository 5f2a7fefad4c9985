import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { sendStatementsAhead } from '@insurer/platform-database';
import { Topics, deadLetterTopic, type DomainEvent, type EventOf } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { TopicCollector, repoRoot, testEnvironment, waitFor } from '@insurer/platform-testing';
import {
  CommandRefusedError,
  InboxConsumer,
  type BatchEventHandler,
  type EventHandler,
} from './inbox-consumer';
import { createKafka } from './kafka';
import { LocalRelay } from './local-relay';
import { OutboxPublisher, causeOf, outboxChannel } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { recreateMessagingSchema } from '../test/messaging-schema';

const SCHEMA = 'messaging_test';
const env = testEnvironment();
let dataSource: DataSource;
let kafka: Kafka;
const running: { stop(): Promise<void> }[] = [];
const publisher = new OutboxPublisher(SCHEMA, 'messaging-test');

/** Every test tags its events with its own run id so the shared topics' older messages are ignored. */
function reopened(claimId: string, reason: string) {
  return {
    type: 'claims.claim-reopened' as const,
    aggregateId: claimId,
    payload: { claimId, reason, reopenedAt: new Date().toISOString() },
  };
}

function relay(extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
  const r = new OutboxRelay({
    schema: SCHEMA,
    connectionString: env.databaseUrl,
    kafka,
    pollIntervalMs: 100,
    ...extra,
  });
  r.start();
  running.push(r);
  return r;
}

async function consumer(
  name: string,
  handler: EventHandler,
  extra: Partial<ConstructorParameters<typeof InboxConsumer>[0]> = {},
): Promise<InboxConsumer> {
  const c = new InboxConsumer({
    name,
    schema: SCHEMA,
    topics: [Topics.CLAIMS_EVENTS],
    kafka,
    dataSource,
    eventHandlers: new Map([['claims.claim-reopened', handler]]),
    backoffMs: 10,
    ...extra,
  });
  await c.start();
  running.push(c);
  return c;
}

/** The handler's effect: one row per applied event, in the order applied. */
async function recordEffect(event: DomainEvent, manager: import('typeorm').EntityManager, runId: string) {
  if (event.type !== 'claims.claim-reopened' || !event.payload.reason.startsWith(runId)) return;
  await manager.query(`INSERT INTO ${SCHEMA}.effects (event_id, aggregate_id, note) VALUES ($1, $2, $3)`, [
    event.eventId,
    event.aggregateId,
    event.payload.reason,
  ]);
}

async function effects(runId: string): Promise<{ event_id: string; aggregate_id: string; note: string }[]> {
  return dataSource.query(
    `SELECT event_id, aggregate_id, note FROM ${SCHEMA}.effects WHERE note LIKE $1 ORDER BY seq`,
    [`${runId}%`],
  );
}

/**
 * Ten events `${runId}:0..9` under one key (one partition, so a consumer fetches them together), published and on the
 * broker before any consumer starts; answers the key.
 */
async function tenOnTheBroker(runId: string): Promise<string> {
  const key = randomUUID();
  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < 10; i++) await publisher.publish(manager, reopened(key, `${runId}:${i}`));
  });
  relay();
  await onTheBroker(key, 10);
  return key;
}

/** How many transactions wrote the consumer's inbox rows for the events under `key`, and how many rows. */
async function inboxTransactions(name: string, key: string): Promise<{ transactions: number; rows: number }> {
  const [counts] = await dataSource.query(
    `SELECT count(DISTINCT i.xmin::text)::int AS transactions, count(*)::int AS rows
     FROM ${SCHEMA}.inbox i JOIN ${SCHEMA}.outbox o ON o.event_id = i.event_id
     WHERE i.consumer = $1 AND o.message_key = $2`,
    [name, key],
  );
  return counts;
}

/** Each echo a handler published (reason `echo-<origin's reason>`) with the ids it names and its origin's. */
async function echoesOf(
  runId: string,
): Promise<{ cause: string; correlation: string; origin: string; originCorrelation: string }[]> {
  return dataSource.query(
    `SELECT e.envelope->>'causationId' AS cause, e.envelope->>'correlationId' AS correlation,
            o.event_id::text AS origin, o.envelope->>'correlationId' AS "originCorrelation"
     FROM ${SCHEMA}.outbox e
     JOIN ${SCHEMA}.outbox o ON o.envelope->'payload'->>'reason' = substr(e.envelope->'payload'->>'reason', 6)
     WHERE e.envelope->'payload'->>'reason' LIKE $1`,
    [`echo-${runId}%`],
  );
}

/** Waits until the relay has sent `n` events under this key. */
async function onTheBroker(key: string, n: number): Promise<void> {
  await waitFor(
    async () =>
      (
        await dataSource.query(
          `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE sent_at IS NOT NULL AND message_key = $1`,
          [key],
        )
      )[0].n === n,
    { description: `${n} events on the broker` },
  );
}

/**
 * The fetches a new consumer (`extra` on top of the suite's) made while ten events under one key were published 50 ms
 * apart and applied, in order (each applied once: the effects are checked).
 */
async function fetchesForTenEvents(
  runId: string,
  label: string,
  extra: Partial<ConstructorParameters<typeof InboxConsumer>[0]>,
): Promise<number> {
  const group = `${runId}-${label}`;
  const key = randomUUID();
  let fetches = 0;
  await startAtTheEnd(group);
  await consumer(group, (event, ctx) => recordEffect(event, ctx.manager, `${runId}:${group}`), {
    ...extra,
    onFetch: () => (fetches += 1),
  });
  // Whatever the consumer fetched while joining is not counted.
  const before = fetches;
  const notes = Array.from({ length: 10 }, (_, i) => `${runId}:${group}:${i}`);
  for (const note of notes) {
    await dataSource.transaction((manager) => publisher.publish(manager, reopened(key, note)));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await waitFor(async () => (await effects(`${runId}:${group}`)).length === 10, {
    description: `${group} to apply the ten events`,
  });
  expect((await effects(`${runId}:${group}`)).map((e) => e.note)).toEqual(notes);
  return fetches - before;
}

/**
 * Commits a new group's offsets at the current end of the claims topic, so its consumer reads only what comes after (a
 * consumer left to find the end itself could place it after an event published while it joins); answers them.
 */
async function startAtTheEnd(groupId: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = (await admin.fetchTopicOffsets(Topics.CLAIMS_EVENTS)).map((o) => ({
      partition: o.partition,
      offset: o.high,
    }));
    await admin.setOffsets({ groupId, topic: Topics.CLAIMS_EVENTS, partitions: ends });
    return new Map(ends.map((e) => [e.partition, Number(e.offset)]));
  } finally {
    await admin.disconnect();
  }
}

beforeAll(async () => {
  kafka = createKafka({ clientId: 'messaging-test', brokers: env.kafkaBrokers.split(',') });
  dataSource = new DataSource({ type: 'postgres', url: env.databaseUrl, extra: { max: 5 } });
  await dataSource.initialize();
  await recreateMessagingSchema(dataSource, SCHEMA);
  await dataSource.query(
    `CREATE TABLE ${SCHEMA}.effects (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, aggregate_id text NOT NULL, note text NOT NULL)`,
  );
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await dataSource.destroy();
});

describe('outbox, relay and inbox on the real broker', () => {
  it('publishes nothing for a rolled-back transaction and delivers a committed one', async () => {
    const runId = `rollback-${randomUUID()}`;
    const claimId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await publisher.publish(manager, reopened(claimId, `${runId}:rolled-back`));
        throw new Error('business failure after publishing');
      }),
    ).rejects.toThrow('business failure');
    await dataSource.transaction((manager) =>
      publisher.publish(manager, reopened(claimId, `${runId}:committed`)),
    );

    relay();
    await consumer(`rollback-${runId}`, (event, ctx) => recordEffect(event, ctx.manager, runId));
    await waitFor(async () => (await effects(runId)).length === 1, {
      description: 'the committed event applied',
    });
    // Same key, so the rolled-back event would have arrived first had it been sent.
    expect((await effects(runId)).map((e) => e.note)).toEqual([`${runId}:committed`]);
  });

  it('refuses to write an event that breaks its contract', async () => {
    await expect(
      dataSource.transaction((manager) =>
        publisher.publish(manager, {
          ...reopened(randomUUID(), 'x'),
          payload: { claimId: 'not-a-uuid' },
        } as never),
      ),
    ).rejects.toThrow(/does not match its contract/);
  });

  it('writes several events in one statement, in order, or none when one breaks its contract', async () => {
    const runId = `many-${randomUUID()}`;
    const claimId = randomUUID();
    await expect(
      dataSource.transaction((manager) =>
        publisher.publishAll(manager, [
          reopened(claimId, `${runId}:bad`),
          { ...reopened(claimId, 'x'), payload: { claimId: 'not-a-uuid' } } as never,
        ]),
      ),
    ).rejects.toThrow(/does not match its contract/);
    const envelopes = await dataSource.transaction((manager) =>
      publisher.publishAll(
        manager,
        [0, 1, 2].map((i) => reopened(claimId, `${runId}:${i}`)),
      ),
    );
    const rows: { event_id: string; reason: string }[] = await dataSource.query(
      `SELECT event_id, envelope->'payload'->>'reason' AS reason FROM ${SCHEMA}.outbox
       WHERE envelope->'payload'->>'reason' LIKE $1 ORDER BY id`,
      [`${runId}%`],
    );
    expect(rows.map((r) => r.reason)).toEqual([0, 1, 2].map((i) => `${runId}:${i}`));
    expect(rows.map((r) => r.event_id)).toEqual(envelopes.map((e) => e.eventId));
  });

  it('sends a row committed late with a lower id while the relay reads ahead through a backlog', async () => {
    const runId = `late-${randomUUID()}`;
    const claimId = randomUUID();
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 12; i++) await publisher.publish(manager, reopened(claimId, `${runId}:${i}`));
    });
    // While the first batch is being sent, a row appears below every id the relay reads ahead from (as when a
    // transaction that took its id early commits late).
    const lateId = randomUUID();
    let inserted = false;
    relay({
      batchSize: 2,
      pollIntervalMs: 600_000,
      onBatchSent: async () => {
        if (inserted) return;
        inserted = true;
        const [{ low }] = await dataSource.query(`SELECT min(id) - 1 AS low FROM ${SCHEMA}.outbox`);
        await dataSource.query(
          `INSERT INTO ${SCHEMA}.outbox (id, event_id, topic, message_key, event_type, envelope)
           SELECT $1, $2::uuid, topic, message_key, event_type, jsonb_set(envelope, '{eventId}', to_jsonb($3::text))
           FROM ${SCHEMA}.outbox WHERE envelope->'payload'->>'reason' = $4`,
          [low, lateId, lateId, `${runId}:0`],
        );
      },
    });
    // The twelve rows and the late one, with no poll to fall back on.
    await onTheBroker(claimId, 13);
  });

  it('goes on through a backlog without waiting to mark a full batch, however long the wait for new rows', async () => {
    const runId = `backlog-${randomUUID()}`;
    const claimId = randomUUID();
    // Ten full batches of two: past the read-ahead chain (eight batches), so one full batch is sent on its own and
    // marked with the read of the next; it must not wait for new rows first, since a full batch says more are there.
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 20; i++) await publisher.publish(manager, reopened(claimId, `${runId}:${i}`));
    });
    relay({ batchSize: 2, markDelayMs: 600_000, pollIntervalMs: 600_000 });
    await onTheBroker(claimId, 20);
  });

  it('marks a sent batch in the statement that reads the rows after it, and the last one after a short wait or on stop', async () => {
    const key = randomUUID();
    const sentAt = async (reason: string): Promise<Date | null> =>
      (
        await dataSource.query(
          `SELECT sent_at FROM ${SCHEMA}.outbox WHERE envelope->'payload'->>'reason' = $1 AND message_key = $2`,
          [reason, key],
        )
      )[0]?.sent_at ?? null;
    const createdAt = async (reason: string): Promise<Date> =>
      (
        await dataSource.query(
          `SELECT created_at FROM ${SCHEMA}.outbox WHERE envelope->'payload'->>'reason' = $1`,
          [reason],
        )
      )[0].created_at;
    const sent: string[] = [];
    const onBatchSent = (ids: string[]) => void sent.push(...ids);
    const publish = async (reason: string) =>
      (await dataSource.transaction((manager) => publisher.publish(manager, reopened(key, reason)))).eventId;

    // A sent batch waits (here as long as it takes) for the next rows: one statement marks it and reads them.
    const waiting = relay({ markDelayMs: 600_000, pollIntervalMs: 600_000, onBatchSent });
    const first = await publish('first');
    await waitFor(async () => sent.includes(first), { description: 'the first row sent' });
    expect(await sentAt('first')).toBeNull();
    const second = await publish('second');
    await waitFor(async () => (await sentAt('first')) !== null, { description: 'the first row marked' });
    // Marked by a statement that began after the second row's transaction: the one that read it.
    expect((await sentAt('first'))!.getTime()).toBeGreaterThanOrEqual((await createdAt('second')).getTime());
    await waitFor(async () => sent.includes(second), { description: 'the second row sent' });
    // Stopping marks what was sent, so a successor does not send it again.
    await waiting.stop();
    expect(await sentAt('second')).not.toBeNull();

    // With nothing after it, a batch is marked once the short wait is over (the poll here never comes).
    relay({ markDelayMs: 100, pollIntervalMs: 600_000, onBatchSent });
    const third = await publish('third');
    await waitFor(async () => sent.includes(third), { description: 'the third row sent' });
    await waitFor(async () => (await sentAt('third')) !== null, { description: 'the third row marked' });
  });

  it('plans the statement that marks a batch once, not again for every batch', async () => {
    const key = randomUUID();
    const sent: string[] = [];
    const r = relay({ preparedStatements: 20, markDelayMs: 0, onBatchSent: (ids) => void sent.push(...ids) });
    // One row a batch, each marked by the statement that reads the next: that statement runs prepared from its second
    // batch on, each time with a one-id array. Left to itself, Postgres plans at least its first five executions
    // (on a busy outbox, every one: the generic plan is priced for ten ids); the relay's session takes the generic.
    for (let i = 0; i < 9; i++) {
      const { eventId } = await dataSource.transaction((manager) =>
        publisher.publish(manager, reopened(key, `plan-${i}`)),
      );
      await waitFor(async () => sent.includes(eventId), { description: `row ${i} sent` });
    }
    await waitFor(
      async () =>
        (
          await dataSource.query(
            `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE message_key = $1 AND sent_at IS NULL`,
            [key],
          )
        )[0].n === 0,
      { description: 'every row marked' },
    );
    // The relay's session is private to it; pg_prepared_statements shows only the session's own statements.
    const session = (r as unknown as { client: { query: (text: string) => Promise<{ rows: unknown[] }> } })
      .client;
    const { rows } = await session.query(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
        WHERE statement LIKE 'WITH marked AS%'`,
    );
    expect(rows).toEqual([{ generic: expect.any(Number), custom: 0 }]);
    expect((rows[0] as { generic: number }).generic).toBeGreaterThanOrEqual(6);
  });

  it('commits applied offsets on an interval and on stop, not after every event', async () => {
    const runId = `commits-${randomUUID()}`;
    const key = randomUUID();
    const group = `commits-${runId}`;
    const admin = kafka.admin();
    await admin.connect();
    let partition = -1;
    const handler: EventHandler = (event, ctx) => {
      // The key's partition: the topic's older events on other partitions may be applied meanwhile.
      if (event.type === 'claims.claim-reopened' && event.payload.reason.startsWith(runId))
        partition = ctx.partition;
      return recordEffect(event, ctx.manager, runId);
    };
    /** The group's committed offset on the key's partition, if any. */
    const committed = async (): Promise<number | undefined> => {
      const [topic] = await admin.fetchOffsets({ groupId: group, topics: [Topics.CLAIMS_EVENTS] });
      const offset = Number(topic.partitions.find((p) => p.partition === partition)?.offset ?? -1);
      return offset >= 0 ? offset : undefined;
    };
    const applyOne = async (i: number) => {
      await dataSource.transaction((manager) => publisher.publish(manager, reopened(key, `${runId}:${i}`)));
      await waitFor(async () => (await effects(runId)).length === i + 1, { description: `effect ${i}` });
    };
    try {
      relay();
      // From the end of the topic: only this test's events.
      const ends = await startAtTheEnd(group);
      const slow = await consumer(group, handler, { commitIntervalMs: 600_000 });
      // The first run commits (the group's last commit is older than the interval); the next ones, one event each,
      // wait for the interval.
      await applyOne(0);
      const first = ends.get(partition)! + 1;
      await waitFor(async () => (await committed()) === first, { description: 'the first commit' });
      for (let i = 1; i <= 3; i++) await applyOne(i);
      expect(await committed()).toBe(first);
      // Stopping commits what was applied: a successor starts after it.
      await slow.stop();
      expect(await committed()).toBe(first + 3);

      // With a short interval the last one is committed with no event after it.
      await consumer(group, handler, { commitIntervalMs: 100 });
      await applyOne(4);
      await waitFor(async () => (await committed()) === first + 4, { description: 'the last one committed' });
      expect((await effects(runId)).map((e) => e.note)).toEqual([0, 1, 2, 3, 4].map((i) => `${runId}:${i}`));
    } finally {
      await admin.disconnect();
    }
  });

  it('with a fetch wait, gathers events that come one by one into a fetch instead of fetching each', async () => {
    const runId = `fetch-wait-${randomUUID()}`;
    relay();
    // Without a wait, each event arrives alone and is fetched alone (the handler takes a few milliseconds).
    const eager = await fetchesForTenEvents(runId, 'eager', {});
    // With one, the broker holds the fetch until 64 KiB are there (ten events are far less) or the wait is over.
    const gathering = await fetchesForTenEvents(runId, 'gathering', { fetchWaitMs: 2_000 });
    expect(eager).toBeGreaterThanOrEqual(8);
    expect(gathering).toBeLessThanOrEqual(3);
  });

  it('with a fetch wait, fetches the first event after a quiet spell at once: only a busy consumer waits', async () => {
    const runId = `fetch-wait-idle-${randomUUID()}`;
    relay();
    const group = `${runId}-idle`;
    await startAtTheEnd(group);
    let fetches = 0;
    // A wait far longer than the event may take: were an idle fetch held for it, the event would wait it out.
    await consumer(group, (event, ctx) => recordEffect(event, ctx.manager, runId), {
      fetchWaitMs: 6_000,
      onFetch: () => (fetches += 1),
    });
    // Joined and fetching: the consumer is idle, its fetches held by the broker's long poll, not by the wait.
    await waitFor(() => fetches > 0, { description: 'a first fetch' });
    await dataSource.transaction((manager) =>
      publisher.publish(manager, reopened(randomUUID(), `${runId}:0`)),
    );
    await waitFor(async () => (await effects(runId)).length === 1, {
      timeoutMs: 3_000,
      description: 'the lone event applied before the fetch wait would have let it through',
    });
  });

  it('fetches a deferred topic once an interval, its events together, while the other topics are fetched as usual', async () => {
    const runId = `deferred-${randomUUID()}`;
    relay();
    // Subscribed to a second, quiet topic (from its end: what earlier suites left there is not read), so the claims
    // topic is not all the consumer reads.
    const topics = [Topics.CLAIMS_EVENTS, Topics.CONTRACT_EVENTS];
    const eager = await fetchesForTenEvents(runId, 'eager', { topics, fromBeginning: false });
    const deferred = await fetchesForTenEvents(runId, 'deferred', {
      topics,
      fromBeginning: false,
      deferredTopics: [Topics.CLAIMS_EVENTS],
      deferredTopicsMs: 3_000,
    });
    expect(eager).toBeGreaterThanOrEqual(8);
    expect(deferred).toBeLessThanOrEqual(3);
  });

  it('applies each effect once when the relay dies after sending and before marking rows sent', async () => {
    const runId = `relay-crash-${randomUUID()}`;
    const claimId = randomUUID();
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 5; i++) await publisher.publish(manager, reopened(claimId, `${runId}:${i}`));
    });
    let crashes = 0;
    const outcomes: string[] = [];
    relay({
      onBatchSent: () => {
        if (crashes++ === 0) throw new Error('relay died after sending');
      },
    });
    await consumer(`relay-crash-${runId}`, (event, ctx) => recordEffect(event, ctx.manager, runId), {
      onOutcome: (_t, _type, outcome) => outcomes.push(outcome),
    });
    await waitFor(
      async () =>
        (await effects(runId)).length === 5 && outcomes.filter((o) => o === 'duplicate').length >= 5,
      {
        description: 'five effects and five skipped duplicates',
      },
    );
    const applied = await effects(runId);
    expect(new Set(applied.map((e) => e.event_id)).size).toBe(5);
    expect(applied.map((e) => e.note)).toEqual([0, 1, 2, 3, 4].map((i) => `${runId}:${i}`));
    // The resent batch is marked once Kafka acknowledged it, which may be after the consumer applied it.
    await waitFor(
      async () =>
        (await dataSource.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE sent_at IS NULL`))[0]
          .n === 0,
      { description: 'every row marked sent' },
    );
  });

  it('dead-letters an invalid message with its headers and still processes the next valid one', async () => {
    const runId = `invalid-${randomUUID()}`;
    const claimId = randomUUID();
    const producer = kafka.producer();
    await producer.connect();
    const broken = {
      eventId: randomUUID(),
      type: 'claims.claim-reopened',
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'rogue',
      aggregateId: claimId,
      correlationId: runId,
      causationId: null,
      payload: { claimId: 42, reason: 'x', reopenedAt: new Date().toISOString() },
    };
    await producer.send({
      topic: Topics.CLAIMS_EVENTS,
      messages: [
        { key: claimId, value: '{not json', headers: { origin: runId } },
        { key: claimId, value: JSON.stringify(broken), headers: { origin: runId } },
      ],
    });
    await producer.disconnect();
    await dataSource.transaction((manager) =>
      publisher.publish(manager, reopened(claimId, `${runId}:valid`)),
    );

    const dlq = await new TopicCollector(kafka, [deadLetterTopic(Topics.CLAIMS_EVENTS)]).start();
    running.push(dlq);
    relay();
    await consumer(`invalid-${runId}`, (event, ctx) => recordEffect(event, ctx.manager, runId));
    await waitFor(async () => (await effects(runId)).length === 1, {
      description: 'the valid event applied',
    });
    const dead = await dlq.waitFor(
      (m) => m.headers.origin === runId && m.headers['dlq.consumer'] === `invalid-${runId}`,
      2,
    );
    expect(dead.map((m) => m.value)).toEqual(['{not json', JSON.stringify(broken)]);
    for (const m of dead) {
      expect(m.key).toBe(claimId);
      expect(m.headers['dlq.source.topic']).toBe(Topics.CLAIMS_EVENTS);
      expect(m.headers['dlq.error.class']).toBe('ContractViolation');
      expect(Number(m.headers['dlq.source.offset'])).toBeGreaterThanOrEqual(0);
      expect(m.headers['dlq.source.partition']).toMatch(/^\d+$/);
    }
    expect(dead[1].headers['dlq.error.message']).toContain('/payload/claimId');
  });

  it('lets nothing vanish: an empty record and an unknown version of a known type are parked, an unknown type and a type not needed (its payload unchecked) are skipped with their reason', async () => {
    const runId = `vanish-${randomUUID()}`;
    const claimId = randomUUID();
    const envelope = (type: string, version: number) => ({
      eventId: randomUUID(),
      type,
      version,
      occurredAt: new Date().toISOString(),
      producer: 'other-team',
      aggregateId: claimId,
      correlationId: runId,
      causationId: null,
      payload: { claimId },
    });
    // This consumer handles claims.claim-reopened only.
    const unknownType = envelope('claims.claim-teleported', 1);
    const notNeeded = {
      ...envelope('claims.claim-rejected', 1),
      payload: eventFixtures['claims.claim-rejected'],
    };
    // Its payload breaks the schema, but this consumer does not read it: the consumers that apply it park it.
    const notNeededBroken = { ...envelope('claims.claim-rejected', 1), payload: { claimId: 42 } };
    const futureVersion = envelope('claims.claim-paid', 7);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: Topics.CLAIMS_EVENTS,
      messages: [
        { key: claimId, value: null, headers: { origin: runId } },
        { key: claimId, value: JSON.stringify(unknownType), headers: { origin: runId } },
        { key: claimId, value: JSON.stringify(notNeeded), headers: { origin: runId } },
        { key: claimId, value: JSON.stringify(notNeededBroken), headers: { origin: runId } },
        { key: claimId, value: JSON.stringify(futureVersion), headers: { origin: runId } },
      ],
    });
    await producer.disconnect();
    const skipped = new Map<string, string | undefined>();
    const dlq = await new TopicCollector(kafka, [deadLetterTopic(Topics.CLAIMS_EVENTS)]).start();
    running.push(dlq);
    await consumer(`vanish-${runId}`, () => Promise.resolve(), {
      onOutcome: (_t, type, outcome, id, reason) => {
        if (outcome === 'skipped' && id) skipped.set(id, `${type}:${reason}`);
      },
    });
    const dead = await dlq.waitFor(
      (m) => m.headers.origin === runId && m.headers['dlq.consumer'] === `vanish-${runId}`,
      2,
    );
    expect(dead.map((m) => m.headers['dlq.error.class'])).toEqual(['EmptyRecord', 'UnknownVersion']);
    expect(dead[1].headers['dlq.error.message']).toBe('unknown event claims.claim-paid@7');
    // The topic holds other tests' events too, skipped alike: look at this test's two.
    await waitFor(() => [unknownType, notNeeded, notNeededBroken].every((e) => skipped.has(e.eventId)), {
      description: 'the three skips',
    });
    expect([unknownType, notNeeded, notNeededBroken].map((e) => skipped.get(e.eventId))).toEqual([
      'claims.claim-teleported:unknown_type',
      'claims.claim-rejected:not_handled',
      'claims.claim-rejected:not_handled',
    ]);
  });

  it('retries a handler that fails twice into one effect, and dead-letters one that always fails', async () => {
    const runId = `retry-${randomUUID()}`;
    const flaky = randomUUID();
    const doomed = randomUUID();
    await dataSource.transaction(async (manager) => {
      await publisher.publish(manager, reopened(flaky, `${runId}:flaky`));
      await publisher.publish(manager, reopened(doomed, `${runId}:doomed`));
    });
    const attempts = new Map<string, number>();
    const dlq = await new TopicCollector(kafka, [deadLetterTopic(Topics.CLAIMS_EVENTS)]).start();
    running.push(dlq);
    relay();
    await consumer(
      `retry-${runId}`,
      async (event, ctx) => {
        if (event.type !== 'claims.claim-reopened' || !event.payload.reason.startsWith(runId)) return;
        const n = (attempts.get(event.aggregateId) ?? 0) + 1;
        attempts.set(event.aggregateId, n);
        await recordEffect(event, ctx.manager, runId);
        if (event.aggregateId === doomed || n <= 2) throw new Error(`attempt ${n} failed`);
      },
      { maxAttempts: 4 },
    );
    const dead = await dlq.waitFor((m) => m.key === doomed);
    await waitFor(async () => (await effects(runId)).length === 1, { description: 'the flaky effect' });
    expect((await effects(runId)).map((e) => e.aggregate_id)).toEqual([flaky]);
    expect(attempts.get(flaky)).toBe(3);
    expect(attempts.get(doomed)).toBe(4);
    expect(dead[0].headers['dlq.attempts']).toBe('4');
    expect(dead[0].headers['dlq.error.message']).toBe('attempt 4 failed');
  });

  it('applies a fetched run of events in one transaction, and one failing in the middle costs the others nothing', async () => {
    const runId = `group-${randomUUID()}`;
    const key = await tenOnTheBroker(runId);
    const dlq = await new TopicCollector(kafka, [deadLetterTopic(Topics.CLAIMS_EVENTS)]).start();
    running.push(dlq);
    const calls = new Map<string, number>();
    const name = `group-${runId}`;
    await consumer(name, async (event, ctx) => {
      if (event.type !== 'claims.claim-reopened' || !event.payload.reason.startsWith(runId)) return;
      calls.set(event.payload.reason, (calls.get(event.payload.reason) ?? 0) + 1);
      if (event.payload.reason === `${runId}:5`)
        throw new CommandRefusedError([{ code: 'X', message: 'refused' }]);
      await recordEffect(event, ctx.manager, runId);
    });
    const dead = await dlq.waitFor((m) => m.key === key);
    await waitFor(async () => (await effects(runId)).length === 9, { description: 'nine effects' });
    expect((await effects(runId)).map((e) => e.note)).toEqual(
      [0, 1, 2, 3, 4, 6, 7, 8, 9].map((i) => `${runId}:${i}`),
    );
    // The failing event's handler ran once: its failure in the group was its one (non-retryable) attempt.
    expect(calls.get(`${runId}:5`)).toBe(1);
    expect(dead[0].headers['dlq.attempts']).toBe('1');
    // Fewer transactions than events: the inbox rows of a group share their transaction id.
    const [{ transactions, rows }] = await dataSource.query(
      `SELECT count(DISTINCT i.xmin::text)::int AS transactions, count(*)::int AS rows
       FROM ${SCHEMA}.inbox i JOIN ${SCHEMA}.outbox o ON o.event_id = i.event_id
       WHERE i.consumer = $1 AND o.envelope->'payload'->>'reason' LIKE $2`,
      [name, `${runId}%`],
    );
    expect(rows).toBe(9);
    expect(transactions).toBeLessThanOrEqual(3);
  });

  it('names each event of a run applied one by one as the cause of what its handler publishes, with no cause given', async () => {
    const runId = `causes-${randomUUID()}`;
    const key = await tenOnTheBroker(runId);
    const name = `causes-${runId}`;
    await consumer(name, async (event, ctx) => {
      if (event.type !== 'claims.claim-reopened' || !event.payload.reason.startsWith(runId)) return;
      await recordEffect(event, ctx.manager, runId);
      // No `cause`: the transaction names the event being applied.
      await publisher.publish(ctx.manager, reopened(randomUUID(), `echo-${event.payload.reason}`));
    });
    await waitFor(async () => (await effects(runId)).length === 10, { description: 'ten effects' });
    // Several events shared a transaction, so the name changed within one.
    const { transactions, rows } = await inboxTransactions(name, key);
    expect(rows).toBe(10);
    expect(transactions).toBeLessThan(10);
    const echoes = await echoesOf(runId);
    expect(echoes).toHaveLength(10);
    for (const echo of echoes) {
      expect(echo.cause).toBe(echo.origin);
      expect(echo.correlation).toBe(echo.originCorrelation);
    }
  });

  it('gives a batch handler a run of its type at once; a failing run is tried event by event, so only the culprit is parked; each event published names its own cause', async () => {
    const runId = `batch-${randomUUID()}`;
    const key = await tenOnTheBroker(runId);
    const dlq = await new TopicCollector(kafka, [deadLetterTopic(Topics.CLAIMS_EVENTS)]).start();
    running.push(dlq);
    const runSizes: number[] = [];
    const batch: BatchEventHandler = async (events, ctx) => {
      const ours = events.filter(
        (e) => e.type === 'claims.claim-reopened' && e.payload.reason.startsWith(runId),
      ) as EventOf<'claims.claim-reopened'>[];
      if (ours.length === 0) return;
      runSizes.push(ours.length);
      if (ours.some((e) => e.payload.reason === `${runId}:5`))
        throw new CommandRefusedError([{ code: 'X', message: 'refused' }]);
      for (const e of ours) await recordEffect(e, ctx.manager, runId);
      await publisher.publishAll(
        ctx.manager,
        ours.map((e) => ({ ...reopened(randomUUID(), `echo-${e.payload.reason}`), cause: causeOf(e) })),
      );
    };
    const outcomes = new Map<string, string>();
    await consumer(`batch-${runId}`, (event, ctx) => batch([event], ctx), {
      batchEventHandlers: new Map([['claims.claim-reopened', batch]]),
      onOutcome: (_t, _type, outcome, id) => outcomes.set(id ?? '', outcome),
    });
    const dead = await dlq.waitFor((m) => m.key === key);
    await waitFor(async () => (await effects(runId)).length === 9, { description: 'nine effects' });
    expect((await effects(runId)).map((e) => e.note)).toEqual(
      [0, 1, 2, 3, 4, 6, 7, 8, 9].map((i) => `${runId}:${i}`),
    );
    // Each event a batch handler applied is reported applied (the metrics count it so), the culprit dead-lettered.
    const applied = (await effects(runId)).map((e) => e.event_id);
    await waitFor(() => applied.every((id) => outcomes.get(id) === 'applied'), {
      description: `every applied event reported applied (${JSON.stringify([...outcomes.values()].slice(-10))})`,
    });
    const [culprit] = await dataSource.query(
      `SELECT event_id FROM ${SCHEMA}.outbox WHERE envelope->'payload'->>'reason' = $1`,
      [`${runId}:5`],
    );
    await waitFor(() => outcomes.get(culprit.event_id) === 'dead_lettered', {
      description: 'the culprit reported',
    });
    expect([...outcomes.values()]).not.toContain(undefined);
    expect(Math.max(...runSizes)).toBeGreaterThan(1);
    expect(dead[0].headers['dlq.attempts']).toBe('1');
    // Each echo names the event it answers: its correlation, and the event itself as its cause.
    const echoes = await echoesOf(runId);
    expect(echoes).toHaveLength(9);
    for (const echo of echoes) {
      expect(echo.cause).toBe(echo.origin);
      expect(echo.correlation).toBe(echo.originCorrelation);
    }
  });

  it('keeps a run whole across events it does not handle: they are skipped, the others applied in one transaction', async () => {
    const runId = `mixed-${randomUUID()}`;
    const key = randomUUID();
    const rejected = {
      type: 'claims.claim-rejected' as const,
      aggregateId: key,
      payload: { ...eventFixtures['claims.claim-rejected'], claimId: key },
    };
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 6; i++) {
        await publisher.publish(manager, reopened(key, `${runId}:${i}`));
        await publisher.publish(manager, rejected);
      }
    });
    const skipped: string[] = [];
    const name = `mixed-${runId}`;
    relay();
    await onTheBroker(key, 12);
    await consumer(name, (event, ctx) => recordEffect(event, ctx.manager, runId), {
      onOutcome: (_t, type, outcome, _id, reason) => {
        if (outcome === 'skipped' && type === 'claims.claim-rejected') skipped.push(reason ?? '');
      },
    });
    await waitFor(async () => (await effects(runId)).length === 6, { description: 'six effects' });
    expect((await effects(runId)).map((e) => e.note)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${runId}:${i}`));
    await waitFor(() => skipped.length >= 6, { description: 'the six skips' });
    expect(new Set(skipped)).toEqual(new Set(['not_handled']));
    // No inbox row for a skipped event, and the six applied ones share at most two transactions (one fetch may end
    // mid-run), where a run cut at every skipped event would take six.
    const { transactions, rows } = await inboxTransactions(name, key);
    expect(rows).toBe(6);
    expect(transactions).toBeLessThanOrEqual(2);
  });

  it('applies the runs several partitions hand in together in one transaction; a failing event costs the other partitions nothing', async () => {
    const runId = `across-${randomUUID()}`;
    const name = `across-${runId}`;
    const gateKey = randomUUID();
    let gate: { reached: boolean; opened: Promise<void> } | undefined;
    const dlq = await new TopicCollector(kafka, [deadLetterTopic(Topics.CLAIMS_EVENTS)]).start();
    running.push(dlq);
    const calls = new Map<string, number>();
    const fortyEightKeys = () => Array.from({ length: 48 }, () => randomUUID());
    const together = fortyEightKeys();
    const withFailure = fortyEightKeys();
    const failing = `${runId}:${withFailure[7]}:1`;
    await startAtTheEnd(name);
    await consumer(name, async (event, ctx) => {
      if (event.type !== 'claims.claim-reopened' || !event.payload.reason.startsWith(runId)) return;
      if (event.aggregateId === gateKey && gate) {
        gate.reached = true;
        return gate.opened;
      }
      calls.set(event.payload.reason, (calls.get(event.payload.reason) ?? 0) + 1);
      if (event.payload.reason === failing)
        throw new CommandRefusedError([{ code: 'X', message: 'refused' }]);
      await recordEffect(event, ctx.manager, runId);
    });
    relay();
    /**
     * One event holds the consumer while two events under each of the keys reach the broker, spread over the six
     * partitions; the consumer's next fetch brings them all at once.
     */
    const throughTheGate = async (keys: string[]): Promise<void> => {
      let open = (): void => undefined;
      gate = { reached: false, opened: new Promise<void>((resolve) => (open = resolve)) };
      await dataSource.transaction((manager) =>
        publisher.publish(manager, reopened(gateKey, `${runId}:gate`)),
      );
      await waitFor(() => gate?.reached === true, {
        timeoutMs: 60_000,
        description: 'the consumer held at the gate',
      });
      await dataSource.transaction(async (manager) => {
        for (const key of keys)
          for (let i = 0; i < 2; i++) await publisher.publish(manager, reopened(key, `${runId}:${key}:${i}`));
      });
      await waitFor(
        async () =>
          (
            await dataSource.query(
              `SELECT count(*)::int AS n FROM ${SCHEMA}.outbox WHERE sent_at IS NOT NULL AND message_key = ANY($1)`,
              [keys],
            )
          )[0].n ===
          keys.length * 2,
        { description: 'the events on the broker' },
      );
      open();
    };
    const applied = async (keys: string[]) =>
      (await effects(runId)).filter((e) => keys.includes(e.aggregate_id));

    // Transactions spanned partitions: fewer of them than partitions written to, where one per partition's run (or
    // per event) would take at least as many.
    await throughTheGate(together);
    await waitFor(async () => (await applied(together)).length === 96, { description: '96 effects' });
    const [{ transactions, partitions, rows }] = await dataSource.query(
      `SELECT count(DISTINCT i.xmin::text)::int AS transactions, count(DISTINCT i.kafka_partition)::int AS partitions,
              count(*)::int AS rows
       FROM ${SCHEMA}.inbox i JOIN ${SCHEMA}.outbox o ON o.event_id = i.event_id
       WHERE i.consumer = $1 AND o.message_key = ANY($2)`,
      [name, together],
    );
    expect(rows).toBe(96);
    expect(partitions).toBeGreaterThanOrEqual(4);
    expect(transactions).toBeLessThan(partitions);

    // One event fails: each key's events in order, the failing one alone left out and tried once (its one
    // non-retryable attempt), every other partition's events applied.
    await throughTheGate(withFailure);
    const [dead] = await dlq.waitFor((m) => m.key === withFailure[7]);
    await waitFor(async () => (await applied(withFailure)).length === 95, { description: '95 effects' });
    const notes = await applied(withFailure);
    for (const key of withFailure) {
      expect(notes.filter((e) => e.aggregate_id === key).map((e) => e.note)).toEqual(
        key === withFailure[7] ? [`${runId}:${key}:0`] : [0, 1].map((i) => `${runId}:${key}:${i}`),
      );
    }
    expect(calls.get(failing)).toBe(1);
    expect(dead.headers['dlq.attempts']).toBe('1');
  });

  it('delivers 1,000 events for 50 keys over 6 partitions in order per key', async () => {
    const runId = `order-${randomUUID()}`;
    const keys = Array.from({ length: 50 }, () => randomUUID());
    for (let batch = 0; batch < 10; batch++) {
      await dataSource.transaction(async (manager) => {
        for (let i = batch * 100; i < (batch + 1) * 100; i++) {
          await publisher.publish(manager, reopened(keys[i % 50], `${runId}:${String(i).padStart(4, '0')}`));
        }
      });
    }
    relay({ batchSize: 200 });
    await consumer(`order-${runId}`, (event, ctx) => recordEffect(event, ctx.manager, runId));
    await waitFor(async () => (await effects(runId)).length === 1000, {
      timeoutMs: 60_000,
      description: '1,000 effects',
    });
    const applied = await effects(runId);
    for (const key of keys) {
      const seq = applied.filter((e) => e.aggregate_id === key).map((e) => Number(e.note.split(':')[1]));
      expect(seq).toHaveLength(20);
      expect(seq).toEqual([...seq].sort((a, b) => a - b));
    }
    const admin = kafka.admin();
    await admin.connect();
    const partitions = await admin.fetchTopicMetadata({ topics: [Topics.CLAIMS_EVENTS] });
    await admin.disconnect();
    expect(partitions.topics[0].partitions).toHaveLength(6);
  });
});

describe('the relay woken in process by its own writers', () => {
  it('hears of a commit without a NOTIFY while it leads, and its writers notify again once it stands down', async () => {
    // The services' data sources send statements ahead, which is what lets a writer act after its commit.
    const ahead = new DataSource({ type: 'postgres', url: env.databaseUrl, extra: { max: 2 } });
    sendStatementsAhead(ahead);
    await ahead.initialize();
    const listener = new Client({ connectionString: env.databaseUrl });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query(`LISTEN "${outboxChannel(SCHEMA)}"`);
    /** Notifications arrive in commit order: once a marker sent now is heard, all earlier ones have been. */
    const heardSoFar = async () => {
      const marker = randomUUID();
      await dataSource.query(`SELECT pg_notify($1, $2)`, [outboxChannel(SCHEMA), marker]);
      await waitFor(async () => heard.includes(marker), { description: 'the marker notification' });
      return heard.splice(0).filter((p) => p !== marker);
    };
    try {
      const local = new LocalRelay();
      const writer = new OutboxPublisher(SCHEMA, 'messaging-test', local);
      // It polls once a minute: only a wake-up brings it to the new row within the wait.
      const r = relay({ local, pollIntervalMs: 60_000 });
      await waitFor(async () => local.leading, { description: 'the relay leading' });
      await heardSoFar();
      const first = randomUUID();
      await ahead.transaction((m) => writer.publish(m, reopened(first, 'woken in process')));
      await onTheBroker(first, 1);
      expect(await heardSoFar()).toEqual([]);

      await r.stop();
      expect(local.leading).toBe(false);
      const second = randomUUID();
      await ahead.transaction((m) => writer.publish(m, reopened(second, 'woken by a NOTIFY')));
      expect(await heardSoFar()).toEqual(['']);
      const [row] = await dataSource.query(`SELECT sent_at FROM ${SCHEMA}.outbox WHERE message_key = $1`, [
        second,
      ]);
      expect(row).toEqual({ sent_at: null });
    } finally {
      await listener.end();
      await ahead.destroy();
    }
  });
});

describe('a consumer process killed mid-batch', () => {
  function startConsumerProcess(runId: string) {
    const script = join(repoRoot(), 'dist/libs/platform/messaging/test/effect-consumer.process.js');
    const child = spawn(process.execPath, [script], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers,
        RUN_ID: runId,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    return { child, exited };
  }

  it('loses nothing and duplicates no effect after SIGKILL and restart', async () => {
    const runId = `crash-${randomUUID()}`;
    const keys = Array.from({ length: 10 }, () => randomUUID());
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < 300; i++) await publisher.publish(manager, reopened(keys[i % 10], `${runId}:${i}`));
    });
    relay();
    const first = startConsumerProcess(runId);
    await waitFor(async () => (await effects(runId)).length >= 40, {
      timeoutMs: 60_000,
      description: 'some effects',
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const before = (await effects(runId)).length;
    expect(before).toBeLessThan(300);

    const second = startConsumerProcess(runId);
    try {
      await waitFor(async () => (await effects(runId)).length >= 300, {
        timeoutMs: 90_000,
        description: '300 effects',
      });
      const applied = await effects(runId);
      expect(applied).toHaveLength(300);
      expect(new Set(applied.map((e) => e.event_id)).size).toBe(300);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

describe('integrator commands', () => {
  it('answers a valid command with its event, a refusal with command-rejected only, a malformed one with command-rejected under its key and a masked DLQ record, and ignores a repeat', async () => {
    const claimId = randomUUID();
    const valid = randomUUID();
    const refused = randomUUID();
    const malformed = randomUUID();
    const garbageKey = `partner-cmd-${randomUUID()}`;
    const keyless = randomUUID();
    let applied = 0;
    let duplicates = 0;
    const outcomes = new Map<string, string>();
    const results = await new TopicCollector(kafka, [
      Topics.CLAIMS_EVENTS,
      deadLetterTopic(Topics.CLAIMS_COMMANDS),
    ]).start();
    running.push(results);
    relay();
    const c = new InboxConsumer({
      name: `commands-${claimId}`,
      schema: SCHEMA,
      topics: [Topics.CLAIMS_COMMANDS],
      kafka,
      dataSource,
      publisher,
      backoffMs: 10,
      onOutcome: (_topic, _type, outcome, id) => {
        if (id === valid && outcome === 'duplicate') duplicates++;
        if (id) outcomes.set(id, outcome);
      },
      commandHandlers: new Map([
        [
          'claims.submit-claim-documents',
          async (command, ctx) => {
            // The topic holds earlier runs' commands too; this consumer's inbox is new, so only count this run's.
            if (command.type !== 'claims.submit-claim-documents' || command.payload.claimId !== claimId)
              return;
            if (command.payload.documents.some((d) => d.kind === 'forged')) {
              throw new CommandRefusedError([
                { code: 'CLAIM.DOCUMENT_REFUSED', message: 'a forged document' },
              ]);
            }
            applied++;
            await publisher.publish(ctx.manager, {
              type: 'claims.documents-completed',
              aggregateId: command.payload.claimId,
              payload: {
                claimId: command.payload.claimId,
                completedAt: new Date().toISOString(),
                decisionDueOn: '2026-12-25',
              },
            });
          },
        ],
      ]),
    });
    await c.start();
    running.push(c);

    const producer = kafka.producer();
    await producer.connect();
    const command = (commandId: string, kind: string) => ({
      key: commandId,
      value: JSON.stringify({
        commandId,
        type: 'claims.submit-claim-documents',
        version: 1,
        issuedAt: new Date().toISOString(),
        issuer: 'tpa-1',
        payload: { claimId, documents: [{ kind, reference: 'doc-1', sha256: 'ab'.repeat(32) }] },
      }),
    });
    await producer.send({
      topic: Topics.CLAIMS_COMMANDS,
      messages: [
        command(valid, 'medical_invoice'),
        command(valid, 'medical_invoice'),
        command(refused, 'forged'),
        {
          key: malformed,
          value: JSON.stringify({
            commandId: malformed,
            type: 'claims.submit-claim-documents',
            version: 1,
            payload: { payee: { bankAccount: '6222021001122334455' } },
          }),
        },
        // Not JSON at all, but keyed with the partner's command id as docs/integrators.md asks.
        { key: garbageKey, value: 'this is not json 6222021001122334455' },
        // No key; broken JSON whose commandId can still be read in the bytes.
        { key: null, value: `{"commandId":"${keyless}","type":"claims.submit-claim-documents",` },
      ],
    });
    await producer.disconnect();

    const byCorrelation = (id: string) => (m: { json: unknown }) =>
      (m.json as { correlationId?: string })?.correlationId === id;
    const [done] = await results.waitFor(byCorrelation(valid));
    expect(done.json).toMatchObject({
      type: 'claims.documents-completed',
      causationId: valid,
      payload: { claimId },
    });
    const [rejected] = await results.waitFor(byCorrelation(refused));
    expect(rejected.json).toMatchObject({
      type: 'claims.command-rejected',
      payload: { commandId: refused, reasons: [{ code: 'CLAIM.DOCUMENT_REFUSED' }] },
    });
    // A refusal is an answer: reported as rejected, never parked.
    await waitFor(() => outcomes.get(refused), { description: 'the refusal to be answered' });
    expect(outcomes.get(refused)).toBe('rejected');
    const [bad] = await results.waitFor(byCorrelation(malformed));
    expect(bad.json).toMatchObject({
      type: 'claims.command-rejected',
      payload: { commandId: malformed, identifiedBy: 'messageKey', issuer: null },
    });
    const [garbage] = await results.waitFor(byCorrelation(garbageKey));
    expect(garbage.json).toMatchObject({
      type: 'claims.command-rejected',
      payload: { commandId: garbageKey, identifiedBy: 'messageKey', commandType: 'unknown' },
    });
    const [fromBytes] = await results.waitFor(byCorrelation(keyless));
    expect(fromBytes.json).toMatchObject({ payload: { commandId: keyless, identifiedBy: 'bytes' } });
    const dead = await results.waitFor(
      (m) => m.topic.endsWith('.dlq') && (m.key === malformed || m.key === garbageKey),
      2,
    );
    expect(dead.map((m) => m.headers['dlq.source.topic'])).toEqual([
      Topics.CLAIMS_COMMANDS,
      Topics.CLAIMS_COMMANDS,
    ]);
    // What operators read has no bank account in clear.
    const parked = Object.fromEntries(dead.map((m) => [m.key, m]));
    expect(parked[malformed].headers['dlq.redacted']).toBe('/payload/payee/bankAccount');
    expect(parked[malformed].value).toContain('***************4455');
    expect(parked[garbageKey].value).toBe('this is not json ***************4455');
    for (const m of dead) expect(m.value).not.toContain('6222021001122334455');

    await waitFor(() => duplicates === 1, { description: 'the repeated command to be seen and skipped' });
    expect(applied).toBe(1);
    expect(results.matching(byCorrelation(valid))).toHaveLength(1);
  });
});
