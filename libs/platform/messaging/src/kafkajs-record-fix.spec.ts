import { applyKafkajsEncoderFix } from './kafkajs-encoder-fix';
import { applyKafkajsRecordFix, encodeRecord, type RecordInput } from './kafkajs-record-fix';

type Encode = (input: RecordInput) => { buffer: Buffer };

const RECORD = 'kafkajs/src/protocol/recordBatch/record/v0/index.js';
const PRODUCE_REQUEST = 'kafkajs/src/protocol/requests/produce/v3/request.js';

/** kafkajs' own record encoding, loaded in a registry of its own (this file's has the fix applied at import). */
function kafkajsRecord(): Encode {
  let original: Encode | undefined;
  jest.isolateModules(() => {
    original = require(RECORD) as Encode;
  });
  if (!original || (original as unknown) === encodeRecord)
    throw new Error('kafkajs’ record not loaded apart');
  return original;
}

describe('kafkajs record encoding', () => {
  beforeAll(() => applyKafkajsEncoderFix());

  it('writes the bytes kafkajs writes: keys, values and headers of every kind, deltas small and large', () => {
    const original = kafkajsRecord();
    let seed = 11;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    const text = (n: number) =>
      Array.from({ length: n }, (_, i) => (random() < 0.1 ? '保' : String.fromCharCode(97 + (i % 26)))).join(
        '',
      );
    const bytesOrText = (n: number) => (random() < 0.3 ? Buffer.from(text(n)) : text(n));
    const deltas = [0, 1, -1, 63, 64, -65, 2 ** 29, -(2 ** 29), 2 ** 30, -(2 ** 30), 2 ** 40, -(2 ** 45)];
    for (let round = 0; round < 300; round += 1) {
      const headers: Record<string, string | Buffer | (string | Buffer)[]> = {};
      for (let h = Math.floor(random() * 5); h > 0; h -= 1)
        headers[text(1 + Math.floor(random() * 20))] =
          random() < 0.2
            ? Array.from({ length: Math.floor(random() * 3) }, () => bytesOrText(Math.floor(random() * 40)))
            : bytesOrText(Math.floor(random() * 200));
      const input: RecordInput = {
        offsetDelta: Math.floor(random() * 600),
        timestampDelta: deltas[round % deltas.length],
        key: random() < 0.1 ? null : bytesOrText(Math.floor(random() * 40)),
        value: random() < 0.05 ? null : bytesOrText(Math.floor(random() * 3000)),
        ...(random() < 0.1 ? {} : { headers }),
      };
      expect(encodeRecord(input).buffer).toEqual(original(input).buffer);
    }
    expect(encodeRecord({ key: 'k', value: 'v' }).buffer).toEqual(original({ key: 'k', value: 'v' }).buffer);
  });

  it('refuses what kafkajs refuses: a header without a value, a timestamp delta that is not whole', () => {
    const original = kafkajsRecord();
    const missing = { key: 'k', value: 'v', headers: { missing: undefined as unknown as string } };
    expect(() => original(missing)).toThrow(/must be of type string/);
    expect(() => encodeRecord(missing)).toThrow(/must be of type string/);
    const fraction = { key: 'k', value: 'v', timestampDelta: 1.5 };
    expect(() => original(fraction)).toThrow(/not an integer/);
    expect(() => encodeRecord(fraction)).toThrow(/not an integer/);
  });

  it('is the record kafkajs’ produce request encodes once kafka.ts is loaded, and cannot be once the request is', async () => {
    type ProduceRequest = (args: Record<string, unknown>) => { encode: () => Promise<unknown> };
    let request: ProduceRequest | undefined;
    let fix: { encodeRecord: typeof encodeRecord } | undefined;
    jest.isolateModules(() => {
      require('./kafka');
      request = require(PRODUCE_REQUEST) as ProduceRequest;
      // Loaded by kafka.ts already, or only now: too late for the request.
      fix = require('./kafkajs-record-fix') as { encodeRecord: typeof encodeRecord };
    });
    expect(fix?.encodeRecord).toBeDefined();
    // The message's headers see who lists them: the record encoding the request runs.
    let caller: string | undefined;
    const headers = new Proxy(
      {},
      {
        ownKeys: () => {
          caller ??= new Error().stack?.split('\n')[3];
          return [];
        },
      },
    );
    await request?.({
      acks: -1,
      timeout: 1_000,
      compression: 0,
      topicData: [
        {
          topic: 't',
          partitions: [{ partition: 0, firstSequence: 0, messages: [{ key: 'k', value: 'v', headers }] }],
        },
      ],
    }).encode();
    expect(caller).toContain('kafkajs-record-fix');
    jest.isolateModules(() => {
      require(PRODUCE_REQUEST);
      const late = require('./kafkajs-record-fix') as {
        applyKafkajsRecordFix: () => boolean;
        encodeRecord: typeof encodeRecord;
      };
      expect(late.applyKafkajsRecordFix()).toBe(false);
      expect(require(RECORD)).not.toBe(late.encodeRecord);
    });
    expect(applyKafkajsRecordFix()).toBe(true);
  });
});
