// The verifier lives in platform-auth; its JWKS behaviour is tested here, next to the JWKS server tests use.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwksServer } from './jwks-server';
import { JwtVerifier, TokenInvalidError } from '@insurer/platform-auth';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const sign = (privateKey: KeyObject, kid: string, sub = 'u-1') =>
  jwt.sign({ roles: ['agent'] }, privateKey, {
    algorithm: 'RS256',
    keyid: kid,
    subject: sub,
    issuer: 'idp',
    audience: 'insurer-platform',
    expiresIn: 3600, // the tests move the verifier's clock by up to some minutes
  });

describe('JwtVerifier with the identity provider’s JWKS (JWT_JWKS_URL)', () => {
  let idp: JwksServer;
  let clock: number;
  let verifier: JwtVerifier;
  const first = rsa();
  const second = rsa();

  beforeEach(async () => {
    idp = await new JwksServer().start();
    idp.published = [{ kid: 'key-2026-11', publicKey: first.publicKey }];
    clock = Date.now();
    verifier = new JwtVerifier({
      jwks: { url: idp.url, cacheSeconds: 600, refreshCooldownSeconds: 30 },
      issuer: 'idp',
      audience: 'insurer-platform',
      now: () => clock,
    });
  });
  afterEach(() => idp.stop());

  it('fetches the keys on first use, verifies by kid, and serves later tokens from the cache', async () => {
    await expect(verifier.authenticate(sign(first.privateKey, 'key-2026-11'))).resolves.toEqual({
      sub: 'u-1',
      roles: ['agent'],
      customerId: undefined,
    });
    // A second token with the same key: no fetch, and no promise.
    expect(verifier.authenticate(sign(first.privateKey, 'key-2026-11', 'u-2'))).toMatchObject({ sub: 'u-2' });
    expect(idp.fetches).toBe(1);
  });

  it('follows a rotation: a new kid fetches the set again, and the retired key’s tokens are refused', async () => {
    const old = sign(first.privateKey, 'key-2026-11');
    await verifier.authenticate(old);
    idp.published = [{ kid: 'key-2026-12', publicKey: second.publicKey }];

    await expect(verifier.authenticate(sign(second.privateKey, 'key-2026-12'))).resolves.toMatchObject({
      sub: 'u-1',
    });
    expect(idp.fetches).toBe(2);
    // The old token was verified and cached before; its key left the set, so its verdict went with it.
    expect(() => verifier.authenticate(old)).toThrow(/unknown key/);
  });

  it('refuses a token signed by another key under a published kid, and one without a kid', async () => {
    await expect(
      Promise.resolve().then(() => verifier.authenticate(sign(second.privateKey, 'key-2026-11'))),
    ).rejects.toThrow(TokenInvalidError);
    const noKid = jwt.sign({ roles: ['agent'] }, first.privateKey, {
      algorithm: 'RS256',
      subject: 'u',
      issuer: 'idp',
      audience: 'insurer-platform',
      expiresIn: 600,
    });
    expect(() => verifier.authenticate(noKid)).toThrow(/no key id/);
  });

  it('fetches at most once per cooldown for made-up kids, and once more after it', async () => {
    await verifier.authenticate(sign(first.privateKey, 'key-2026-11'));
    const forged = rsa();
    await expect(
      Promise.resolve(verifier.authenticate(sign(forged.privateKey, 'made-up-1'))),
    ).rejects.toThrow(/unknown key/);
    for (let i = 2; i <= 5; i++)
      expect(() => verifier.authenticate(sign(forged.privateKey, `made-up-${i}`))).toThrow(/unknown key/);
    expect(idp.fetches).toBe(2);
    clock += 30_000;
    await expect(
      Promise.resolve(verifier.authenticate(sign(forged.privateKey, 'made-up-6'))),
    ).rejects.toThrow(/unknown key/);
    expect(idp.fetches).toBe(3);
  });

  it('keeps the keys it has while the identity provider is down, and refetches a stale set when it is back', async () => {
    await verifier.authenticate(sign(first.privateKey, 'key-2026-11'));
    idp.down = true;
    clock += 601_000; // the set is stale
    await expect(
      Promise.resolve(verifier.authenticate(sign(first.privateKey, 'key-2026-11', 'u-3'))),
    ).resolves.toMatchObject({
      sub: 'u-3',
    });
    expect(idp.fetches).toBe(2);
    idp.down = false;
    idp.published = [{ kid: 'key-2026-12', publicKey: second.publicKey }];
    clock += 30_000;
    await expect(
      Promise.resolve(verifier.authenticate(sign(second.privateKey, 'key-2026-12'))),
    ).resolves.toMatchObject({
      sub: 'u-1',
    });
    expect(idp.fetches).toBe(3);
  });
});
