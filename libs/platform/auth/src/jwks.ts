import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A signing key from the identity provider's JWKS, with the one algorithm tokens signed by it may use. */
export interface JwksKey {
  readonly key: KeyObject;
  readonly algorithm: 'RS256' | 'ES256';
}

export interface JwksSettings {
  readonly url: string;
  /** How long a fetched key set is used before it is fetched again; default 10 minutes. */
  readonly cacheSeconds?: number;
  /**
   * The least time between two fetches caused by unknown key ids, so tokens with made-up `kid`s cannot turn the
   * service into a flood against the identity provider; default 30 seconds.
   */
  readonly refreshCooldownSeconds?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

/**
 * The identity provider's public keys by `kid`, as its JWKS endpoint publishes them (RFC 7517). Keys are fetched on
 * first use, kept for `cacheSeconds`, and fetched again at once when a token names a key id not in the set (the IdP
 * has rotated), at most once per cooldown. A failed fetch keeps the keys already known: a short IdP outage does not
 * log everybody out. Only signature keys of RSA (RS256) and P-256 (ES256) are taken.
 */
export class JwksKeyStore {
  private keys = new Map<string, JwksKey>();
  private fetchedAtMs = Number.NEGATIVE_INFINITY;
  private attemptedAtMs = Number.NEGATIVE_INFINITY;
  private forcedAtMs = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;
  private readonly now: () => number;
  private readonly listeners: ((kids: ReadonlySet<string>) => void)[] = [];

  constructor(private readonly settings: JwksSettings) {
    this.now = settings.now ?? Date.now;
  }

  /** The key for a `kid` among those last fetched (a stale set is still used while the IdP cannot be reached). */
  key(kid: string): JwksKey | undefined {
    return this.keys.get(kid);
  }

  /**
   * Whether the set should be fetched before judging a token signed with `kid`: it is stale (fetched again, but not
   * within the cooldown of a failed try, so an unreachable IdP costs one fetch per cooldown), or it is fresh and
   * lacks the kid (the IdP rotated; at most one such fetch per cooldown, so made-up kids cannot flood the IdP).
   */
  needsRefresh(kid: string): boolean {
    const cooldownMs = (this.settings.refreshCooldownSeconds ?? 30) * 1000;
    if (!this.fresh()) return this.now() - this.attemptedAtMs >= cooldownMs;
    return !this.keys.has(kid) && this.now() - this.forcedAtMs >= cooldownMs;
  }

  /** Fetches the set once, however many requests wait for it. */
  refresh(): Promise<void> {
    if (!this.inFlight) {
      this.attemptedAtMs = this.now();
      if (this.fresh()) this.forcedAtMs = this.now();
      this.inFlight = this.load().finally(() => (this.inFlight = undefined));
    }
    return this.inFlight;
  }

  private fresh(): boolean {
    return this.now() - this.fetchedAtMs < (this.settings.cacheSeconds ?? 600) * 1000;
  }

  /** Called with the key ids after every successful fetch: cached verdicts of a removed key are dropped. */
  onKeysChanged(listener: (kids: ReadonlySet<string>) => void): void {
    this.listeners.push(listener);
  }

  private async load(): Promise<void> {
    const fetchFn = this.settings.fetch ?? fetch;
    let body: unknown;
    try {
      const response = await fetchFn(this.settings.url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5_000),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      body = await response.json();
    } catch {
      // Keep what we have; a token needing the set tries again after the cooldown.
      return;
    }
    const keys = new Map<string, JwksKey>();
    for (const jwk of (body as { keys?: unknown[] } | null)?.keys ?? []) {
      const parsed = parseJwk(jwk);
      if (parsed) keys.set(parsed.kid, parsed.key);
    }
    this.keys = keys;
    this.fetchedAtMs = this.now();
    const kids = new Set(keys.keys());
    for (const listener of this.listeners) listener(kids);
  }
}

function parseJwk(value: unknown): { kid: string; key: JwksKey } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const jwk = value as JsonWebKey & { kid?: unknown; use?: unknown; alg?: unknown };
  if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) return undefined;
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  // A JWKS key with private parts is a misconfigured IdP; never take one.
  if (jwk.d !== undefined) return undefined;
  let algorithm: JwksKey['algorithm'];
  if (jwk.kty === 'RSA' && (jwk.alg === undefined || jwk.alg === 'RS256')) algorithm = 'RS256';
  else if (jwk.kty === 'EC' && jwk.crv === 'P-256' && (jwk.alg === undefined || jwk.alg === 'ES256'))
    algorithm = 'ES256';
  else return undefined;
  try {
    return { kid: jwk.kid, key: { key: createPublicKey({ key: jwk, format: 'jwk' }), algorithm } };
  } catch {
    return undefined;
  }
}
