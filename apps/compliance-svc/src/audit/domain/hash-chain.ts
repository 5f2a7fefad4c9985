import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same event always serialises to the same bytes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Each entry's hash covers the previous entry's hash and its own canonical content. */
export function entryHash(previousHash: string, canonical: string): string {
  return createHash('sha256').update(previousHash).update('\n').update(canonical).digest('hex');
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
  let previous = GENESIS_HASH;
  let previousSeq: number | null = null;
  for (const entry of entries) {
    if (entry.prevHash !== previous) {
      const gap = previousSeq !== null && entry.seq !== previousSeq + 1;
      return {
        ok: false,
        brokenAt: entry.seq,
        reason: gap ? 'deleted' : 'reordered',
        entries: entries.length,
      };
    }
    if (entryHash(entry.prevHash, entry.canonical) !== entry.hash) {
      return { ok: false, brokenAt: entry.seq, reason: 'edited', entries: entries.length };
    }
    previous = entry.hash;
    previousSeq = entry.seq;
  }
  return { ok: true, entries: entries.length, lastHash: previous };
}
