import { randomBytes } from 'node:crypto';
import { open, openText, seal, sealText } from './aead';

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);

  it('round-trips text and hides it', () => {
    const blob = sealText(key, '6222020200112233445', 'claim:1:payee');
    expect(blob.toString('utf8')).not.toContain('6222020200112233445');
    expect(openText(key, blob, 'claim:1:payee')).toBe('6222020200112233445');
  });

  it('refuses another context, another key, or a flipped byte', () => {
    const blob = seal(key, Buffer.from('x'), 'a');
    expect(() => open(key, blob, 'b')).toThrow();
    expect(() => open(randomBytes(32), blob, 'a')).toThrow();
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1] ^= 1;
    expect(() => open(key, flipped, 'a')).toThrow();
  });

  it('gives every seal an IV of its own, across the random pool it cuts them from', () => {
    // 1,000 seals span three fills of the 341-IV pool; an IV used twice would let GCM leak the key stream.
    const ivs = new Set<string>();
    for (let i = 0; i < 1_000; i += 1) {
      const blob = sealText(key, 'same text', 'same context');
      ivs.add(blob.subarray(0, 12).toString('hex'));
      expect(openText(key, blob, 'same context')).toBe('same text');
    }
    expect(ivs.size).toBe(1_000);
  });
});
