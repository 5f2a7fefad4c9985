import { randomUUID } from 'node:crypto';
import { registryKey } from './define';
import { payloadJsonSchema } from './json-schema';
import { COMMAND_DEFINITIONS, EVENT_DEFINITIONS, findEvent } from './registry';
import { parseCommand, parseEvent, registeredEventEnvelope } from './parse';
import { commandFixtures, eventEnvelopeFixture as envelope, eventFixtures } from './testing';
import { ALL_TOPICS } from './topics';

describe('the contract registry', () => {
  it('has one definition per type@version, each on a known topic, named <context>.<noun>-<past-verb>', () => {
    const keys = [...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS].map(registryKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const def of [...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS]) {
      expect(ALL_TOPICS).toContain(def.topic);
      expect(def.topic.split('.')[0]).toBe(def.type.split('.')[0]);
    }
  });

  it.each(EVENT_DEFINITIONS.map((d) => [registryKey(d), d] as const))('%s parses its fixture', (_, def) => {
    const fixture = eventFixtures[def.type];
    expect(def.payload.safeParse(fixture).error).toBeUndefined();
    const parsed = parseEvent(envelope(def.type, fixture));
    expect(parsed.ok).toBe(true);
  });

  it.each(COMMAND_DEFINITIONS.map((d) => [registryKey(d), d] as const))('%s parses its fixture', (_, def) => {
    const parsed = parseCommand({
      commandId: randomUUID(),
      type: def.type,
      version: def.version,
      issuedAt: '2026-03-02T01:30:00.000Z',
      issuer: 'partner-a',
      payload: commandFixtures[def.type],
    });
    expect(parsed.ok).toBe(true);
  });

  it('refuses a payload that breaks its schema, naming the field', () => {
    const bad = { ...eventFixtures['contract.premium-paid'], amountFen: 12.5 };
    const parsed = parseEvent(envelope('contract.premium-paid', bad));
    expect(parsed).toMatchObject({ ok: false, known: true });
    expect(!parsed.ok && parsed.reasons.map((r) => r.pointer)).toEqual(['/payload/amountFen']);
  });

  it('tells an unknown type or version apart from a broken one', () => {
    expect(
      parseEvent(envelope('contract.policy-issued', eventFixtures['contract.policy-issued'], 9)),
    ).toMatchObject({
      ok: false,
      known: false,
    });
    expect(parseEvent({ nonsense: true })).toMatchObject({ ok: false, known: false });
    expect(findEvent('contract.policy-issued', 1)?.topic).toBe('contract.events.v1');
  });

  it('reads an envelope alone for a registered type and version, whatever its payload; nothing else', () => {
    const bad = { ...eventFixtures['contract.premium-paid'], amountFen: 12.5 };
    expect(registeredEventEnvelope(envelope('contract.premium-paid', bad))).toMatchObject({
      type: 'contract.premium-paid',
      version: 1,
      payload: bad,
    });
    expect(
      registeredEventEnvelope(envelope('contract.policy-issued', eventFixtures['contract.policy-issued'], 9)),
    ).toBeUndefined();
    expect(registeredEventEnvelope(envelope('contract.policy-teleported', {}))).toBeUndefined();
    expect(
      registeredEventEnvelope({ ...envelope('contract.premium-paid', bad), eventId: 'not-an-id' }),
    ).toBeUndefined();
  });

  it('keeps ID numbers, bank accounts, contact details and health answers out of every event schema', () => {
    const keys = (schema: unknown): string[] =>
      typeof schema !== 'object' || schema === null
        ? []
        : Object.entries(schema).flatMap(([key, value]) =>
            key === 'properties' && typeof value === 'object' && value !== null
              ? [...Object.keys(value), ...Object.values(value).flatMap(keys)]
              : keys(value),
          );
    for (const def of EVENT_DEFINITIONS) {
      expect(
        keys(payloadJsonSchema(def)).filter((k) =>
          /idNumber|bankAccount|healthAnswers|mobile|email|address/i.test(k),
        ),
      ).toEqual([]);
    }
  });
});
