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
});
