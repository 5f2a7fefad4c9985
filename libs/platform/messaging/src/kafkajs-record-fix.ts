/**
 * kafkajs 2.2.4 encodes each record of a produce request in an Encoder of its own and each of its headers in one
 * more: it lists the headers as objects (a flatMap), encodes each header apart, and copies the headers' buffers into
 * the record's. Its timestamp delta goes through kafkajs' 64-bit Long arithmetic (an object per step of the varint),
 * twice: once to size the record and once to write it. The outbox relays send three headers with every event; perf
 * of sales-svc relaying a policy-issued burst put the records' encoding at 8% of its CPU, and a micro-benchmark of
 * 200 one-KB records with three headers at some 11-13 us a record.
 *
 * The record here is the same bytes (Kafka's record v2: length, attributes, timestamp delta, offset delta, key, value,
 * headers) written into one Encoder: the headers straight from the message's object, in kafkajs' order (the keys in
 * order, an array's values each under its key), and a timestamp delta that fits 30 bits as the varint it is then
 * (its zigzag form is the same for 32 and 64 bits). Anything else takes kafkajs' own path.
 *
 * produce/v3/request.js (every produce version kafkajs sends) binds the record's module when it loads, so the module
 * is swapped in Node's module cache before that: this file applies it when it is loaded, and kafka.ts loads it before
 * kafkajs. Once the request is loaded it is too late and nothing changes (`applyKafkajsRecordFix` says false).
 * Applied only to the version it was written against.
 */

import { replaceKafkajsModule } from './kafkajs-version';

type HeaderValue = string | Buffer;

export interface RecordInput {
  readonly offsetDelta?: number;
  readonly timestampDelta?: number;
  readonly key?: string | Buffer | null;
  readonly value?: string | Buffer | null;
  readonly headers?: Readonly<Record<string, HeaderValue | readonly HeaderValue[]>>;
}

interface Encoder {
  /** The bytes written. */
  readonly buffer: Buffer;
  writeVarInt(value: number): Encoder;
  writeVarLong(value: number): Encoder;
  writeInt8(value: number): Encoder;
  writeVarIntBytes(value: string | Buffer | null | undefined): Encoder;
  writeVarIntString(value: string): Encoder;
}

interface EncoderClass {
  new (): Encoder;
  sizeOfVarInt(value: number): number;
  sizeOfVarLong(value: number): number;
  sizeOfVarIntBytes(value: string | Buffer | null | undefined): number;
}

const RECORD = 'kafkajs/src/protocol/recordBatch/record/v0/index.js';
const PRODUCE_REQUEST = 'kafkajs/src/protocol/requests/produce/v3/request.js';
/** A delta whose zigzag form fits 31 bits: its 32-bit and 64-bit varints are the same bytes. */
const SMALL = 2 ** 30;

// Required at first use, not when this file loads: under another kafkajs release the swap is not made and the
// file's path may not exist.
let EncoderOf: EncoderClass | undefined;
const encoderClass = (): EncoderClass =>
  (EncoderOf ??= require('kafkajs/src/protocol/encoder.js') as EncoderClass);

/** A header's size as kafkajs counts it: its key's length and bytes, its value's (a missing value throws there too). */
function headerSize(E: EncoderClass, key: string, value: HeaderValue): number {
  const keySize = Buffer.byteLength(key);
  const valueSize = Buffer.byteLength(value);
  return E.sizeOfVarInt(keySize) + keySize + E.sizeOfVarInt(valueSize) + valueSize;
}

/** kafkajs' record v0, the same bytes, in one Encoder. */
export function encodeRecord({
  offsetDelta = 0,
  timestampDelta = 0,
  key,
  value,
  headers = {},
}: RecordInput): Encoder {
  const E = encoderClass();
  const small = Number.isInteger(timestampDelta) && timestampDelta > -SMALL && timestampDelta < SMALL;
  const names = Object.keys(headers);
  let count = 0;
  let headersSize = 0;
  for (const name of names) {
    const given = headers[name];
    if (Array.isArray(given)) {
      for (const item of given as readonly HeaderValue[]) {
        count += 1;
        headersSize += headerSize(E, name, item);
      }
    } else {
      count += 1;
      headersSize += headerSize(E, name, given as HeaderValue);
    }
  }
  const body =
    1 + // attributes
    (small ? E.sizeOfVarInt(timestampDelta) : E.sizeOfVarLong(timestampDelta)) +
    E.sizeOfVarInt(offsetDelta) +
    E.sizeOfVarIntBytes(key) +
    E.sizeOfVarIntBytes(value) +
    E.sizeOfVarInt(count) +
    headersSize;
  const encoder = new E().writeVarInt(body).writeInt8(0);
  if (small) encoder.writeVarInt(timestampDelta);
  else encoder.writeVarLong(timestampDelta);
  encoder.writeVarInt(offsetDelta).writeVarIntBytes(key).writeVarIntBytes(value).writeVarInt(count);
  // The headers once more, now that the record's length is known: it comes first.
  for (const name of names) {
    const given = headers[name];
    if (Array.isArray(given)) {
      for (const item of given as readonly HeaderValue[])
        encoder.writeVarIntString(name).writeVarIntBytes(item);
    } else {
      encoder.writeVarIntString(name).writeVarIntBytes(given as HeaderValue);
    }
  }
  return encoder;
}

let applied = false;

export function applyKafkajsRecordFix(): boolean {
  if (!applied) applied = replaceKafkajsModule(RECORD, PRODUCE_REQUEST, encodeRecord);
  return applied;
}

applyKafkajsRecordFix();
