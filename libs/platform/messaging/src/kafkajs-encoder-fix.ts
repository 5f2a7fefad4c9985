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
 * (`buffer` is `buf.slice(0, offset)`).
 *
 * And a varint (every record's length, offsets and key, value and header lengths, a dozen or more a record) is
 * written into the encoder's buffer, where kafkajs gathered its bytes in an array and copied them through a Buffer of
 * their own (`Buffer.from`): in a heap profile of POST /claims, 6 KB of the 173 KB a claim allocated. The bytes are
 * the same. Applied only to the version it was written against.
 */

import { kafkajsCorrection } from './kafkajs-version';

interface EncoderLike {
  buf: Buffer;
  offset: number;
  ensureAvailable(length: number): void;
  writeUVarInt(value: number): EncoderLike;
}

interface EncoderClass {
  prototype: EncoderLike;
  nextPowerOfTwo(value: number): number;
}

/** kafkajs' first buffer size: its constructor's default of 511, to the next power of two. */
const FIRST_SIZE = 512;
/** kafkajs' LEB128 constants: a byte's seven value bits, its continuation bit, and the bits above the first seven. */
const SEVEN_BITS = 0x7f;
const MORE_FOLLOWS = 0x80;
const ABOVE_SEVEN_BITS = 0xffffff80;
/** The longest unsigned 32-bit varint. */
const MAX_VARINT_BYTES = 5;
export const applyKafkajsEncoderFix = kafkajsCorrection(() => {
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
  // kafkajs' loop, byte for byte, into the buffer instead of an array.
  Encoder.prototype.writeUVarInt = function writeUVarInt(this: EncoderLike, value: number) {
    this.ensureAvailable(MAX_VARINT_BYTES);
    const buf = this.buf;
    let at = this.offset;
    let rest = value;
    while ((rest & ABOVE_SEVEN_BITS) !== 0) {
      buf[at++] = (rest & SEVEN_BITS) | MORE_FOLLOWS;
      rest >>>= 7;
    }
    buf[at++] = rest & SEVEN_BITS;
    this.offset = at;
    return this;
  };
});
