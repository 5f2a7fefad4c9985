/**
 * kafkajs 2.2.4 (its last release) encodes every request in Encoders, and each Encoder starts on a zero-filled
 * buffer of its own (`Buffer.alloc(512)`, a separate allocation outside V8's heap) which it replaces by a zero-filled
 * copy twice the size whenever it runs out: a produce request of 500 records makes some 1,500 of them (each record,
 * each header, the batch, the partition, the topic, the request). Publishing a backlog of 1 KB events, a third of the
 * relay's CPU went to making and collecting them.
 *
 * Here an Encoder starts on an empty buffer and takes one from Buffer's shared pool (`Buffer.allocUnsafe`: pooled
 * below 4 KB, never zero-filled) at its first write, growing through the same sizes as before. Memory that was not
 * filled never leaves: an Encoder writes every byte in order from the start and hands out only the bytes it wrote
 * (`buffer` is `buf.slice(0, offset)`). Applied only to the version it was written against.
 */

import { kafkajsIsCorrectedVersion } from './kafkajs-version';

interface EncoderLike {
  buf: Buffer;
  offset: number;
  ensureAvailable(length: number): void;
}

interface EncoderClass {
  prototype: EncoderLike;
  nextPowerOfTwo(value: number): number;
}

/** kafkajs' first buffer size: its constructor's default of 511, to the next power of two. */
const FIRST_SIZE = 512;
let applied = false;

export function applyKafkajsEncoderFix(): boolean {
  if (applied) return true;
  if (!kafkajsIsCorrectedVersion()) return false;
  const Encoder = require('kafkajs/src/protocol/encoder.js') as EncoderClass;
  const nextPowerOfTwo = Encoder.nextPowerOfTwo.bind(Encoder);
  // The constructor sizes its buffer with `Encoder.nextPowerOfTwo(511)` and nothing else calls it (checked in 2.2.4),
  // so answering 0 makes the constructor's buffer empty: its only allocation is then the pooled one below.
  Encoder.nextPowerOfTwo = () => 0;
  Encoder.prototype.ensureAvailable = function ensureAvailable(this: EncoderLike, length: number) {
    const needed = this.offset + length;
    if (needed <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(FIRST_SIZE, nextPowerOfTwo(needed)));
    this.buf.copy(grown, 0, 0, this.offset);
    this.buf = grown;
  };
  applied = true;
  return true;
}
