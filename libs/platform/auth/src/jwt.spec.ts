import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { JwtVerifier, TokenInvalidError, signLocalToken } from './jwt';

const secret = 'unit-test-secret-0123456789';
const settings = { secret, issuer: 'insurer-platform', audience: 'insurer-platform' };

describe('JwtVerifier', () => {
  it('accepts a local HS256 token and returns the principal with known roles only', () => {
    const token = jwt.sign({ roles: ['underwriter', 'wizard'], customerId: 'c-1' }, secret, {
      subject: 'u-1',
      issuer: 'insurer-platform',
      audience: 'insurer-platform',
      expiresIn: 600,
    });
    expect(new JwtVerifier(settings).verify(token)).toEqual({
      sub: 'u-1',
      roles: ['underwriter'],
      customerId: 'c-1',
    });
  });

  it.each([
    [
      'signed with another secret',
      () => signLocalToken({ sub: 'u', roles: ['agent'], secret: 'another-secret-0123456' }),
    ],
    ['expired', () => signLocalToken({ sub: 'u', roles: ['agent'], secret, expiresInSeconds: -120 })],
    [
      'for another audience',
      () => signLocalToken({ sub: 'u', roles: ['agent'], secret, audience: 'elsewhere' }),
    ],
    [
      'without a known role',
      () =>
        jwt.sign({ roles: ['wizard'] }, secret, {
          subject: 'u',
          issuer: 'insurer-platform',
          audience: 'insurer-platform',
        }),
    ],
    [
      'without a subject',
      () =>
        jwt.sign({ roles: ['agent'] }, secret, { issuer: 'insurer-platform', audience: 'insurer-platform' }),
    ],
    [
      'unsigned (alg none)',
      () =>
        jwt.sign({ roles: ['agent'] }, '', {
          algorithm: 'none',
          subject: 'u',
          issuer: 'insurer-platform',
          audience: 'insurer-platform',
        }),
    ],
    ['not a JWT at all', () => 'garbage'],
    [
      'without an expiry',
      () =>
        jwt.sign({ roles: ['agent'] }, secret, {
          subject: 'u',
          issuer: 'insurer-platform',
          audience: 'insurer-platform',
        }),
    ],
    [
      'living longer than the 24-hour cap',
      () => signLocalToken({ sub: 'u', roles: ['agent'], secret, expiresInSeconds: 24 * 3600 + 1 }),
    ],
  ])('refuses a token %s', (_, make) => {
    expect(() => new JwtVerifier(settings).verify(make())).toThrow(TokenInvalidError);
  });

  it('remembers a verified token only until it expires: an accepted token is refused once past its expiry', () => {
    let now = 0;
    const verifier = new JwtVerifier({ ...settings, now: () => now });
    const token = jwt.sign({ roles: ['agent'] }, secret, {
      subject: 'u-2',
      issuer: 'insurer-platform',
      audience: 'insurer-platform',
      expiresIn: 60,
    });
    const issuedAt = jwt.decode(token, { json: true })?.iat as number;
    now = issuedAt * 1000;
    expect(verifier.verify(token).sub).toBe('u-2');
    now += 60_000; // at expiry, still inside the 30-second tolerance
    expect(verifier.verify(token).sub).toBe('u-2');
    now += 31_000;
    expect(() => verifier.verify(token)).toThrow(TokenInvalidError);
  });

  describe('with an RS256 public key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const verifier = new JwtVerifier({
      publicKey: pem,
      issuer: 'insurer-platform',
      audience: 'insurer-platform',
    });
    const claims = { roles: ['claims_manager'] };
    const options = {
      subject: 'm-1',
      issuer: 'insurer-platform',
      audience: 'insurer-platform',
      expiresIn: 600,
    };

    it('accepts a token signed with the private key', () => {
      const token = jwt.sign(claims, privateKey, { ...options, algorithm: 'RS256' });
      expect(verifier.verify(token)).toEqual({
        sub: 'm-1',
        roles: ['claims_manager'],
        customerId: undefined,
      });
    });

    it('refuses an HS256 token forged with the public key as the secret (algorithm confusion)', () => {
      const forged = jwt.sign(claims, Buffer.from(pem), { ...options, algorithm: 'HS256' });
      expect(() => verifier.verify(forged)).toThrow(TokenInvalidError);
    });
  });

  it('accepts a token of exactly the cap, and a cap set by configuration', () => {
    const day = signLocalToken({ sub: 'u', roles: ['agent'], secret, expiresInSeconds: 24 * 3600 });
    expect(new JwtVerifier(settings).verify(day).sub).toBe('u');
    const hour = signLocalToken({ sub: 'u', roles: ['agent'], secret, expiresInSeconds: 3601 });
    expect(() => new JwtVerifier({ ...settings, maxLifetimeSeconds: 3600 }).verify(hour)).toThrow(
      'lives longer than 3600 seconds',
    );
  });
});

describe('signLocalToken', () => {
  it('signs with the secret it is given each time, one secret after another', () => {
    const other = 'another-secret-0123456';
    const otherSettings = { ...settings, secret: other };
    const tokens = [secret, other, secret].map((s) =>
      signLocalToken({ sub: s, roles: ['agent'], secret: s }),
    );
    expect(new JwtVerifier(settings).verify(tokens[0]).sub).toBe(secret);
    expect(new JwtVerifier(otherSettings).verify(tokens[1]).sub).toBe(other);
    expect(new JwtVerifier(settings).verify(tokens[2]).sub).toBe(secret);
    expect(() => new JwtVerifier(settings).verify(tokens[1])).toThrow(TokenInvalidError);
    expect(() => new JwtVerifier(otherSettings).verify(tokens[2])).toThrow(TokenInvalidError);
  });
});
