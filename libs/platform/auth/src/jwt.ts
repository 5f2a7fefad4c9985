import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '@insurer/platform-http';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

export interface JwtSettings {
  /** HS256 shared secret, for local use. */
  readonly secret?: string;
  /** RS256 public key (PEM), for production where only the identity provider holds the private key. */
  readonly publicKey?: string;
  readonly issuer: string;
  readonly audience: string;
  /** The clock tokens are judged by (milliseconds since the epoch); tests move it. */
  readonly now?: () => number;
  /** The longest a token may live, from its `iat` (or from now) to its `exp`; default 24 hours. */
  readonly maxLifetimeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

const CLOCK_TOLERANCE_SECONDS = 30;
/** How many verified tokens are remembered; past it the oldest is forgotten first. */
const VERIFIED_CACHE_SIZE = 10_000;
/** A verified token is checked again after this long even when it expires later. */
const VERIFIED_CACHE_MS = 5 * 60_000;

interface VerifiedToken {
  readonly principal: Principal;
  readonly validUntilMs: number;
}

export class TokenInvalidError extends AppError {
  constructor(reason: string) {
    super('AUTH.TOKEN_INVALID', 'unauthenticated', `The bearer token is not acceptable: ${reason}.`);
  }
}

/** Verifies tokens with exactly one algorithm, so an HS256 token signed with the public key is never accepted. */
export class JwtVerifier {
  /**
   * A key object made once: given a string, jsonwebtoken parses it on every call (and for a secret first tries it as
   * a public key and throws), which the profile showed as the costliest step of an authenticated request.
   */
  private readonly key: KeyObject;
  private readonly algorithm: 'HS256' | 'RS256';
  private readonly now: () => number;
  /**
   * Tokens already verified, by their exact text: a caller sends the same token on every request, and the signature
   * check with its base64 and JSON decoding was the next costliest step of a read. A hit is still judged against its
   * expiry; the key is fixed for the process's life, so a cached verdict cannot outlive a key change.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(private readonly settings: JwtSettings) {
    this.now = settings.now ?? Date.now;
    if (settings.publicKey) {
      this.key = createPublicKey(settings.publicKey);
      this.algorithm = 'RS256';
    } else if (settings.secret) {
      this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
      this.algorithm = 'HS256';
    } else {
      throw new Error('JwtVerifier needs a secret or a public key');
    }
  }

  verify(token: string): Principal {
    const now = this.now();
    const known = this.verified.get(token);
    if (known) {
      if (known.validUntilMs > now) return known.principal;
      this.verified.delete(token);
    }
    const { principal, claims } = this.verifyText(token, now);
    const expiresMs = ((claims.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000;
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { principal, validUntilMs: Math.min(expiresMs, now + VERIFIED_CACHE_MS) });
    return principal;
  }

  private verifyText(token: string, now: number): { principal: Principal; claims: jwt.JwtPayload } {
    let claims: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: [this.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: Math.floor(now / 1000),
      });
      if (typeof decoded === 'string') throw new TokenInvalidError('payload is not a JSON object');
      claims = decoded;
    } catch (err) {
      if (err instanceof TokenInvalidError) throw err;
      throw new TokenInvalidError(err instanceof Error ? err.message : 'unverifiable');
    }
    // A token without an expiry would be good forever, and a stolen one with it; one that lives longer than the
    // configured cap is refused for the same reason.
    if (typeof claims.exp !== 'number') throw new TokenInvalidError('no expiry (exp)');
    const maxLifetime = this.settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : Math.floor(now / 1000);
    if (claims.exp - issuedAt > maxLifetime)
      throw new TokenInvalidError(`it lives longer than ${maxLifetime} seconds`);
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new TokenInvalidError('no subject');
    const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
    if (roles.length === 0) throw new TokenInvalidError('no known role');
    const customerId = typeof claims.customerId === 'string' ? claims.customerId : undefined;
    return { principal: { sub: claims.sub, roles, customerId }, claims };
  }
}

export interface SignTokenInput {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly customerId?: string;
  readonly secret: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly expiresInSeconds?: number;
}

/** Issues a local HS256 token: for `npm run token`, tests and the demo. Production tokens come from the IdP. */
export function signLocalToken(input: SignTokenInput): string {
  return jwt.sign(
    { roles: input.roles, ...(input.customerId ? { customerId: input.customerId } : {}) },
    input.secret,
    {
      algorithm: 'HS256',
      subject: input.sub,
      issuer: input.issuer ?? 'insurer-platform',
      audience: input.audience ?? 'insurer-platform',
      expiresIn: input.expiresInSeconds ?? 8 * 3600,
    },
  );
}
