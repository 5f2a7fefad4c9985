import { randomBytes } from 'node:crypto';
import { applyKafkajsEncoderFix } from './kafkajs-encoder-fix';

type Encoded = { buffer: Buffer };
type RequestLike = { apiKey: number; apiVersion: number; encode(): Promise<Encoded> };

// kafkajs's own request encoders and its framing of a request on the wire (each test file has its own module
// registry, so these are the unfixed modules until the fix is applied below).
const frame = require('kafkajs/src/protocol/request.js') as (args: {
  correlationId: number;
  clientId: string;
  request: RequestLike;
}) => Promise<Encoded>;
const produceV3 = require('kafkajs/src/protocol/requests/produce/v3/request.js') as (
  args: Record<string, unknown>,
) => RequestLike;
const fetchV11 = require('kafkajs/src/protocol/requests/fetch/v11/request.js') as (
  args: Record<string, unknown>,
) => RequestLike;
const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => {
  buf: Buffer;
  buffer: Buffer;
  writeInt8(value: number): unknown;
  writeVarInt(value: number): { buffer: Buffer };
};
const Long = require('kafkajs/src/utils/long.js') as { fromInt(value: number): unknown };

/** A produce request with what the relay and the dead-letter producer send: keys, values and headers of every kind. */
function produce(): RequestLike {
  const timestamp = 1_764_806_400_000;
  const messages = Array.from({ length: 300 }, (_, i) => ({
    key: i % 7 === 0 ? null : i % 2 ? `policy-${i}` : randomBytes(i % 40),
    value:
      i % 5 === 0
        ? randomBytes(i * 13)
        : JSON.stringify({ i, 备注: '理赔'.repeat(i % 50), pad: 'x'.repeat(i * 7) }),
    headers: i % 3 === 0 ? {} : { traceparent: `00-${i}`, 'x-reason': ['重试', 'retry'], empty: '' },
    timestamp: timestamp + i,
  }));
  return produceV3({
    acks: -1,
    timeout: 30_000,
    producerId: Long.fromInt(4242),
    producerEpoch: 3,
    topicData: [
      { topic: 'claims.events.v1', partitions: [{ partition: 2, firstSequence: 17, messages }] },
      {
        topic: 'dead-letter',
        partitions: [{ partition: 0, firstSequence: 0, messages: messages.slice(0, 3) }],
      },
    ],
  });
}

function fetch(): RequestLike {
  return fetchV11({
    replicaId: -1,
    maxWaitTime: 250,
    minBytes: 1,
    maxBytes: 10_485_760,
    topics: [
      {
        topic: 'contract.events.v1',
        partitions: [0, 1, 2].map((partition) => ({ partition, fetchOffset: '981', maxBytes: 1_048_576 })),
      },
    ],
  });
}

function firstDifference(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) if (a[i] !== b[i]) return i;
  return -1;
}

const wire = async (request: RequestLike) =>
  (await frame({ correlationId: 7, clientId: 'claims-svc', request })).buffer;

describe('the kafkajs encoder fix', () => {
  it('leaves every byte of a produce and a fetch request as kafkajs wrote them, whatever the pool held before', async () => {
    const requests = [produce(), fetch()];
    const before = await Promise.all(requests.map(wire));
    expect(applyKafkajsEncoderFix()).toBe(true);
    // Unfilled pool memory full of a recognisable pattern: any byte the encoder did not write would show.
    for (let i = 0; i < 64; i += 1) Buffer.allocUnsafe(1_000).fill(0xee);
    const after = await Promise.all(requests.map(wire));
    // The first byte that differs (-1: none, same length); comparing the buffers whole makes jest's diff crawl.
    expect(after.map((bytes, i) => firstDifference(bytes, before[i]))).toEqual([-1, -1]);
    expect(before[0].length).toBeGreaterThan(100_000);
  });

  it("starts an encoder on an empty buffer and takes its first one from Buffer's pool", () => {
    applyKafkajsEncoderFix();
    const encoder = new Encoder();
    expect(encoder.buf.length).toBe(0);
    encoder.writeInt8(1);
    expect(encoder.buf.length).toBe(512);
    // A slice of the shared pool, not an allocation of its own.
    expect(encoder.buf.buffer.byteLength).toBe(Buffer.poolSize);
  });

  it('writes a varint into the encoder, as zigzag LEB128, without a buffer of its own', () => {
    applyKafkajsEncoderFix();
    // The encoding as Kafka's protocol defines it: zigzag, then seven bits a byte, lowest first.
    const leb128 = (value: number) => {
      const bytes: number[] = [];
      let rest = ((value << 1) ^ (value >> 31)) >>> 0;
      while (rest > 0x7f) {
        bytes.push((rest & 0x7f) | 0x80);
        rest >>>= 7;
      }
      bytes.push(rest);
      return Buffer.from(bytes);
    };
    const values = [0, 1, -1, 63, -64, 64, -65, 8_191, 8_192, 1_048_575, 1_048_576, 2 ** 31 - 1, -(2 ** 31)];
    const from = jest.spyOn(Buffer, 'from');
    try {
      const encoded = values.map((v) => new Encoder().writeVarInt(v).buffer);
      expect(from).not.toHaveBeenCalled();
      expect(encoded.map((b) => b.toString('hex'))).toEqual(values.map((v) => leb128(v).toString('hex')));
    } finally {
      from.mockRestore();
    }
  });
});
