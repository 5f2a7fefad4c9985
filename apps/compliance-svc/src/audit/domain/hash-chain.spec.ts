import {
  ChainWalk,
  GENESIS_HASH,
  canonicalJson,
  entryHash,
  verifyChain,
  type ChainEntry,
} from './hash-chain';

function chain(contents: unknown[]): ChainEntry[] {
  let prev = GENESIS_HASH;
  return contents.map((content, i) => {
    const canonical = canonicalJson(content);
    const hash = entryHash(prev, canonical);
    const entry = { seq: i + 1, prevHash: prev, hash, canonical };
    prev = hash;
    return entry;
  });
}

describe('the audit hash chain', () => {
  const entries = chain([
    { type: 'a', n: 1 },
    { type: 'b', n: 2 },
    { type: 'c', n: 3 },
    { type: 'd', n: 4 },
  ]);

  it('serialises objects with sorted keys, so equal content hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes the bytes the log’s entries were hashed over: keys in code-unit order, JSON escapes, undefined left out', () => {
    const value = {
      é: 'ü "quoted" \n',
      '10': 1,
      '9': 2,
      Z: [undefined, null, 'x', { b: undefined, a: [] }],
      a: {},
      nested: { arr: [[1, 2], []] },
      n: -0.5,
      t: true,
    };
    expect(canonicalJson(value)).toBe(
      '{"10":1,"9":2,"Z":[,null,"x",{"a":[]}],"a":{},"n":-0.5,"nested":{"arr":[[1,2],[]]},"t":true,"é":"ü \\"quoted\\" \\n"}',
    );
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson('plain')).toBe('"plain"');
  });

  it('writes every scalar as JSON.stringify does, escapes, surrogates and non-finite numbers included', () => {
    const scalars = [
      '',
      'plain ascii',
      '保单号 P2026',
      'quote " and backslash \\',
      'tab\tnewline\ncontrol \u0001 \u001f del \u007f',
      'line separator \u2028 paragraph \u2029',
      'emoji 😀 pair',
      'lone high \ud800 end',
      'lone low \udc00 end',
      0,
      -0,
      1.5e-7,
      1e21,
      -123456789.125,
      Number.MAX_SAFE_INTEGER,
      NaN,
      Infinity,
      -Infinity,
      true,
      false,
      null,
    ];
    for (const scalar of scalars) {
      expect(canonicalJson(scalar)).toBe(JSON.stringify(scalar));
      expect(canonicalJson({ [String(scalar)]: scalar })).toBe(
        `{${JSON.stringify(String(scalar))}:${JSON.stringify(scalar)}}`,
      );
    }
    // The same key twice gives the same text (the quoted key is kept once made).
    expect(canonicalJson([{ 'k"ey': 1 }, { 'k"ey': 2 }])).toBe('[{"k\\"ey":1},{"k\\"ey":2}]');
  });

  it('hashes the previous hash, a newline and the canonical text as UTF-8', () => {
    // SHA-256 of 64 zeros, "\n" and {"a":"保单"}, as the log's existing entries were hashed.
    expect(entryHash(GENESIS_HASH, '{"a":"保单"}')).toBe(
      'c84ebbad40e9330ee41d491a6b9a549e5ace964bbd19238915e4902d789345ad',
    );
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 4, lastHash: entries[3].hash });
    expect(verifyChain([])).toMatchObject({ ok: true, entries: 0 });
  });

  it('finds an edited entry', () => {
    const edited = entries.map((e) =>
      e.seq === 2 ? { ...e, canonical: canonicalJson({ type: 'b', n: 20 }) } : e,
    );
    expect(verifyChain(edited)).toMatchObject({ ok: false, brokenAt: 2, reason: 'edited' });
  });

  it('finds a deleted entry at the entry after the gap', () => {
    expect(verifyChain(entries.filter((e) => e.seq !== 3))).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'deleted',
    });
  });

  it('finds entries swapped in order', () => {
    const swapped = [entries[0], { ...entries[2], seq: 2 }, { ...entries[1], seq: 3 }, entries[3]];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, brokenAt: 2, reason: 'reordered' });
  });

  it('finds a whole entry rewritten with a recomputed hash, at the next link', () => {
    const forged = entries.map((e) => e);
    const canonical = canonicalJson({ type: 'b', n: 99 });
    forged[1] = { ...forged[1], canonical, hash: entryHash(forged[1].prevHash, canonical) };
    expect(verifyChain(forged)).toMatchObject({ ok: false, brokenAt: 3, reason: 'reordered' });
  });

  it('gives the same verdict walked a page at a time, a break at a page boundary included', () => {
    const long = chain(Array.from({ length: 10 }, (_, n) => ({ type: 'e', n })));
    const edited = long.map((e) => (e.seq === 4 ? { ...e, canonical: canonicalJson({ type: 'x' }) } : e));
    const gap = long.filter((e) => e.seq !== 7);
    for (const list of [long, edited, gap])
      for (const size of [1, 3, 4]) {
        const walk = new ChainWalk();
        for (let i = 0; i < list.length; i += size) walk.add(list.slice(i, i + size));
        expect(walk.verdict()).toEqual(verifyChain(list));
      }
    expect(verifyChain(edited)).toEqual({ ok: false, brokenAt: 4, reason: 'edited', entries: 10 });
    expect(verifyChain(gap)).toEqual({ ok: false, brokenAt: 8, reason: 'deleted', entries: 9 });
  });
});
