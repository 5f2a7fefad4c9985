import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AppError } from '@insurer/platform-http';
import { JwksKeyStore, type JwksSettings } from './jwks';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

export interface JwtSettings {
  /** HS256 shared secret, for local use. */
  readonly secret?: string;
  /** RS256 public key (PEM), for production where only the identity provider holds the private key. */
  readonly publicKey?: string;
  /** The identity provider's JWKS: tokens naming a `kid` are verified with that key (see JwksKeyStore). */
  readonly jwks?: Omit<JwksSettings, 'now'>;
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
  /** The JWKS key that signed it: a verdict is dropped when its key leaves the set. */
  readonly kid?: string;
}

/** The JWKS must be fetched before this token can be judged; `verifyWithRefresh` does it. */
class KeyRefreshNeeded extends Error {}

export class TokenInvalidError extends AppError {
  constructor(reason: string) {
    super('AUTH.TOKEN_INVALID', 'unauthenticated', `The bearer token is not acceptable: ${reason}.`, {
      params: { reason },
    });
  }
}

/** Verifies tokens with exactly one algorithm, so an HS256 token signed with the public key is never accepted. */
export class JwtVerifier {
  /**
   * A key object made once: given a string, jsonwebtoken parses it on every call (and for a secret first tries it as
   * a public key and throws), which the profile showed as the costliest step of an authenticated request.
   */
  private readonly key: KeyObject | undefined;
  private readonly algorithm: 'HS256' | 'RS256' | undefined;
  private readonly jwks: JwksKeyStore | undefined;
  private readonly now: () => number;
  /**
   * Tokens already verified, by their exact text: a caller sends the same token on every request, and the signature
   * check with its base64 and JSON decoding was the next costliest step of a read. A hit is still judged against its
   * expiry; the static key is fixed for the process's life, and a verdict by a JWKS key is dropped when a fetch no
   * longer lists the key, so a cached verdict cannot outlive a key change.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(private readonly settings: JwtSettings) {
    this.now = settings.now ?? Date.now;
    if (settings.publicKey) {
      this.key = createPublicKey(settings.publicKey);
      this.algorithm = 'RS256';
    } else if (settings.secret) {
      this.key = secretKey(settings.secret);
      this.algorithm = 'HS256';
    } else if (!settings.jwks) {
      throw new Error('JwtVerifier needs a secret, a public key or a JWKS');
    }
    if (settings.jwks) {
      const jwks = new JwksKeyStore({ ...settings.jwks, now: this.now });
      jwks.onKeysChanged((kids) => {
        for (const [token, entry] of this.verified)
          if (entry.kid !== undefined && !kids.has(entry.kid)) this.verified.delete(token);
      });
      this.jwks = jwks;
    }
  }

  /**
   * Verifies a token at once when its key is at hand (nearly always, and without a promise on the hot path), or
   * after fetching the identity provider's keys when it names one not yet known.
   */
  authenticate(token: string): Principal | Promise<Principal> {
    try {
      return this.check(token, true);
    } catch (error) {
      if (!(error instanceof KeyRefreshNeeded) || !this.jwks) throw error;
      return this.jwks.refresh().then(() => this.check(token, false));
    }
  }

  /** Verifies a token with the keys at hand, never fetching. */
  verify(token: string): Principal {
    return this.check(token, false);
  }

  /** With `mayRefresh`, throws KeyRefreshNeeded (not an answer to a caller) when the JWKS should be fetched first. */
  private check(token: string, mayRefresh: boolean): Principal {
    const now = this.now();
    const known = this.verified.get(token);
    if (known) {
      if (known.validUntilMs > now) return known.principal;
      this.verified.delete(token);
    }
    const { principal, claims, kid } = this.verifyText(token, now, mayRefresh);
    const expiresMs = ((claims.exp as number) + CLOCK_TOLERANCE_SECONDS) * 1000;
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value as string);
    }
    this.verified.set(token, { principal, kid, validUntilMs: Math.min(expiresMs, now + VERIFIED_CACHE_MS) });
    return principal;
  }

  /** The key and algorithm a token must be signed with: the JWKS key its `kid` names, else the static key. */
  private keyFor(
    token: string,
    mayRefresh: boolean,
  ): { key: KeyObject; algorithm: jwt.Algorithm; kid?: string } {
    if (this.jwks) {
      const header = jwt.decode(token, { complete: true })?.header;
      const kid = header?.kid;
      if (typeof kid === 'string' && kid.length > 0 && kid.length <= 256) {
        if (mayRefresh && this.jwks.needsRefresh(kid)) throw new KeyRefreshNeeded();
        const found = this.jwks.key(kid);
        if (!found) throw new TokenInvalidError('signed with an unknown key (kid)');
        return { ...found, kid };
      }
    }
    if (!this.key || !this.algorithm) throw new TokenInvalidError('no key id (kid)');
    return { key: this.key, algorithm: this.algorithm };
  }

  private verifyText(
    token: string,
    now: number,
    mayRefresh: boolean,
  ): { principal: Principal; claims: jwt.JwtPayload; kid?: string } {
    let claims: jwt.JwtPayload;
    let kid: string | undefined;
    try {
      const signer = this.keyFor(token, mayRefresh);
      kid = signer.kid;
      const decoded = jwt.verify(token, signer.key, {
        algorithms: [signer.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        clockTimestamp: Math.floor(now / 1000),
      });
      if (typeof decoded === 'string') throw new TokenInvalidError('payload is not a JSON object');
      claims = decoded;
    } catch (err) {
      if (err instanceof TokenInvalidError || err instanceof KeyRefreshNeeded) throw err;
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
    return { principal: { sub: claims.sub, roles, customerId }, claims, kid };
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
    secretKey(input.secret),
    {
      algorithm: 'HS256',
      subject: input.sub,
      issuer: input.issuer ?? 'insurer-platform',
      audience: input.audience ?? 'insurer-platform',
      expiresIn: input.expiresInSeconds ?? 8 * 3600,
    },
  );
}

/**
 * The secret as a key object, made once per secret: handed the text, jsonwebtoken first tries it as a private key and
 * throws before making a secret key of it, about 0.5 ms a token here against 0.01 with the key object (the load
 * driver of `npm run bench` signs about seven a flow). The verifier takes its HS256 key from here too; a process uses
 * one or two secrets, and the last one is kept.
 */
let lastSecret: { readonly text: string; readonly key: KeyObject } | undefined;
function secretKey(text: string): KeyObject {
  if (lastSecret?.text !== text) lastSecret = { text, key: createSecretKey(Buffer.from(text, 'utf8')) };
  return lastSecret.key;
}
