import { z } from 'zod';
import { compiled } from './compiled';
import { registryKey } from './define';
import { CommandEnvelopeSchema, EventEnvelopeSchema } from './envelope';
import { parseCommand, parseEvent, registeredEventEnvelope } from './parse';
import { COMMAND_DEFINITIONS, EVENT_DEFINITIONS, latestEventDefinition } from './registry';
import { commandFixtures, eventEnvelopeFixture, eventFixtures } from './testing';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What a value may wrongly be: each kind of JSON, and the edges a schema's checks sit on. */
const WRONG: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  1e21,
  '',
  'x',
  '2026-02-30',
  'not-a-uuid',
  [],
  {},
  [1],
  { a: 1 },
];

/** Every path into a JSON value (objects and arrays, the value itself first). */
function paths(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => paths(v, [...at, i])));
  if (value && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => paths(v, [...at, k])));
  return here;
}

/** A copy of `value` with the thing at `path` replaced (or, with `undefined`, removed). */
function altered(value: Json, path: (string | number)[], to: Json | undefined): Json | undefined {
  if (path.length === 0) return to;
  const copy = structuredClone(value) as Record<string | number, Json>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (to !== undefined) parent[last] = to;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

/** The fixture itself, and every way of breaking one place in it at a time. */
function variants(fixture: Json): unknown[] {
  const out: unknown[] = [fixture];
  for (const path of paths(fixture)) {
    out.push(altered(fixture, path, undefined));
    for (const wrong of WRONG) out.push(altered(fixture, path, wrong));
  }
  return out;
}

/** Both parsers give the same answer: success alike, the same value, or the same issues. */
function expectSameAnswers(schema: z.ZodType, inputs: unknown[]) {
  const fast = compiled(schema);
  for (const input of inputs) {
    const runtime = schema.safeParse(input, { reportInput: true });
    const generated = fast.safeParse(input, { reportInput: true });
    expect({ input, success: generated.success }).toEqual({ input, success: runtime.success });
    if (runtime.success) expect(generated.data).toEqual(runtime.data);
    else expect(generated.error?.issues).toEqual(runtime.error.issues);
  }
}

describe('compiled parsers', () => {
  it('are compiled once per schema, and leave the schema itself as it was', () => {
    // A schema no test here has compiled yet, with the registry metadata JSON Schema and AsyncAPI read.
    const schema = z
      .strictObject({ id: z.uuid().describe('the id'), n: z.number().int() })
      .meta({ title: 'T' });
    const before = z.toJSONSchema(schema);
    const fast = compiled(schema);
    expect(fast).not.toBe(schema);
    expect(compiled(schema)).toBe(fast);
    expect(z.toJSONSchema(schema)).toEqual(before);
    expect(before).toMatchObject({ title: 'T', properties: { id: { description: 'the id' } } });
  });

  it.each(EVENT_DEFINITIONS.map((d) => [registryKey(d), d] as const))(
    '%s: the compiled payload parser answers as the schema does, its fixture broken every way',
    (_, def) => expectSameAnswers(def.payload, variants(eventFixtures[def.type] as Json)),
  );

  it.each(COMMAND_DEFINITIONS.map((d) => [registryKey(d), d] as const))(
    '%s: the compiled payload parser answers as the schema does, its fixture broken every way',
    (_, def) => expectSameAnswers(def.payload, variants(commandFixtures[def.type] as Json)),
  );

  it('answer as the envelopes do', () => {
    const event = eventEnvelopeFixture('contract.premium-paid', {}) as Json;
    expectSameAnswers(EventEnvelopeSchema, variants(event));
    const { producer: _producer, aggregateId: _aggregate, ...command } = event as Record<string, Json>;
    expectSameAnswers(CommandEnvelopeSchema, variants({ ...command, type: 'customer.register-customer' }));
  });

  it('are what events, commands and envelopes are parsed with', () => {
    const def = latestEventDefinition('contract.policy-issued')!;
    const payload = jest.spyOn(compiled(def.payload), 'safeParse');
    const envelope = jest.spyOn(compiled(EventEnvelopeSchema), 'safeParse');
    const command = jest.spyOn(compiled(CommandEnvelopeSchema), 'safeParse');
    try {
      const event = eventEnvelopeFixture(def.type, eventFixtures['contract.policy-issued'], def.version);
      expect(parseEvent(event).ok).toBe(true);
      expect(registeredEventEnvelope(event)).toBeDefined();
      expect(payload).toHaveBeenCalledTimes(1);
      expect(envelope).toHaveBeenCalledTimes(2);
      parseCommand({ nonsense: true });
      expect(command).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
