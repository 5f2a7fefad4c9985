import { hash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * A string JSON.stringify writes as it is between quotes: no quote, backslash, control character or surrogate (a
 * lone one is escaped; a pair is left to JSON.stringify too, which is rarer than a check of both halves).
 */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Object keys as JSON, kept: events repeat their contracts' keys, and each JSON.stringify is a call into C++. */
const quotedKeys = new Map<string, string>();
/** Keys past this many are quoted each time (a payload's free-form map must not grow the cache without end). */
const QUOTED_KEYS_MAX = 4096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** A value that is not an object or array, as JSON.stringify writes it (undefined for what it leaves out). */
function scalarJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return PLAIN_STRING.test(value) ? `"${value}"` : JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return JSON.stringify(value);
  }
}

/**
 * JSON with object keys sorted at every level, so the same event always serialises to the same bytes. Built as one
 * string, without the arrays of entries, pairs and parts a map/join would make: every consumed event goes through it
 * (in a heap profile of a policy-issued burst, a third of compliance's own allocation). Keys sort by UTF-16 code
 * unit (`Array.prototype.sort`'s default, as `<` compares); an undefined member is left out and an undefined item
 * written empty, as before. Keys and plain scalars are written without a JSON.stringify each (perf put those calls at
 * 4% of compliance's CPU in a burst); the bytes are JSON.stringify's.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return scalarJson(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]) ?? '';
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${quotedKey(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}

/**
 * Each entry's hash covers the previous entry's hash and its own canonical content (UTF-8), in one call: the hash
 * object and its three updates were 3% of compliance's CPU in a burst.
 */
export function entryHash(previousHash: string, canonical: string): string {
  return hash('sha256', `${previousHash}\n${canonical}`, 'hex');
}

export interface ChainEntry {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly canonical: string;
}

export type ChainVerdict =
  | { readonly ok: true; readonly entries: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly brokenAt: number;
      readonly reason: 'edited' | 'deleted' | 'reordered';
      readonly entries: number;
    };

/**
 * Walks the chain in sequence order and reports the first broken link: an entry whose content no longer gives its hash
 * was edited; an entry that does not point at its predecessor's hash follows a deleted entry (a gap in the sequence) or
 * was moved (no gap).
 */
export function verifyChain(entries: readonly ChainEntry[]): ChainVerdict {
  return new ChainWalk().add(entries).verdict();
}

/**
 * `verifyChain` fed a page at a time, holding only the last link: a log of millions of entries is verified in the
 * memory of one page. After a broken link the rest are only counted.
 */
export class ChainWalk {
  private previous = GENESIS_HASH;
  private previousSeq: number | null = null;
  private count = 0;
  private broken:
    { readonly brokenAt: number; readonly reason: 'edited' | 'deleted' | 'reordered' } | undefined;

  add(entries: readonly ChainEntry[]): this {
    for (const entry of entries) {
      this.count += 1;
      if (this.broken) continue;
      if (entry.prevHash !== this.previous) {
        const gap = this.previousSeq !== null && entry.seq !== this.previousSeq + 1;
        this.broken = { brokenAt: entry.seq, reason: gap ? 'deleted' : 'reordered' };
      } else if (entryHash(entry.prevHash, entry.canonical) !== entry.hash) {
        this.broken = { brokenAt: entry.seq, reason: 'edited' };
      } else {
        this.previous = entry.hash;
        this.previousSeq = entry.seq;
      }
    }
    return this;
  }

  verdict(): ChainVerdict {
    if (this.broken) return { ok: false, ...this.broken, entries: this.count };
    return { ok: true, entries: this.count, lastHash: this.previous };
  }
}
