import { helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  it("gives helmet's headers for the options, names in lower case", () => {
    const headers = helmetHeaders({ contentSecurityPolicy: false, frameguard: { action: 'deny' } });
    expect(headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'x-dns-prefetch-control': 'off',
    });
    expect(headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(headers).not.toHaveProperty('content-security-policy');
  });

  it('follows the options rather than a fixed list', () => {
    const headers = helmetHeaders({
      frameguard: { action: 'sameorigin' },
      referrerPolicy: { policy: 'same-origin' },
    });
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('is frozen, so no response can change what the next one gets', () => {
    expect(Object.isFrozen(helmetHeaders({}))).toBe(true);
  });
});
