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

  constructor(private readonly settings: JwtSettings) {
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
    let claims: jwt.JwtPayload;
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: [this.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: 30,
      });
      if (typeof decoded === 'string') throw new TokenInvalidError('payload is not a JSON object');
      claims = decoded;
    } catch (err) {
      if (err instanceof TokenInvalidError) throw err;
      throw new TokenInvalidError(err instanceof Error ? err.message : 'unverifiable');
    }
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new TokenInvalidError('no subject');
    const roles = Array.isArray(claims.roles) ? claims.roles.filter(isRole) : [];
    if (roles.length === 0) throw new TokenInvalidError('no known role');
    const customerId = typeof claims.customerId === 'string' ? claims.customerId : undefined;
    return { sub: claims.sub, roles, customerId };
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
