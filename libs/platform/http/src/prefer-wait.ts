import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

/**
 * The longest a request may ask to be held (`Prefer: wait=10`): well inside the idle timeouts of the proxies and load
 * balancers in front of a service, so a held request is answered, not cut.
 */
export const MAX_PREFERRED_WAIT_SECONDS = 10;

/**
 * How long the client asks the server to wait for an answer, in milliseconds, from RFC 7240's `wait` preference
 * (`Prefer: wait=5`), at most `MAX_PREFERRED_WAIT_SECONDS`; 0 when it asks nothing. A preference the server cannot
 * read is ignored, as the RFC asks, and so is a second `wait` after the first.
 */
export function preferredWaitMs(header: string | string[] | undefined): number {
  if (header === undefined) return 0;
  for (const field of Array.isArray(header) ? header : [header]) {
    for (const preference of field.split(',')) {
      // A preference is `token [= word]` followed by `;`-separated parameters, which `wait` does not take.
      const [nameValue] = preference.split(';');
      const eq = nameValue.indexOf('=');
      if (eq < 0 || nameValue.slice(0, eq).trim().toLowerCase() !== 'wait') continue;
      const value = nameValue
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (!/^\d{1,9}$/.test(value)) return 0;
      return Math.min(Number(value), MAX_PREFERRED_WAIT_SECONDS) * 1000;
    }
  }
  return 0;
}

/** A handler's parameter: the wait its request asks for (`preferredWaitMs` of its `Prefer` header). */
export const PreferredWait = createParamDecorator((_: unknown, ctx: ExecutionContext): number =>
  preferredWaitMs(ctx.switchToHttp().getRequest<FastifyRequest>().headers.prefer),
);

/**
 * The `Prefer` header in a route's OpenAPI operation, for a request that can wait while `condition` holds (what an
 * event brings has not been applied yet); `after` says what it is answered when the wait ends first.
 */
export function ApiPreferWait(condition: string, after: string): MethodDecorator {
  return ApiHeader({
    name: 'Prefer',
    required: false,
    description:
      `RFC 7240 \`wait=N\`: while ${condition}, hold the request up to N seconds (at most ` +
      `${MAX_PREFERRED_WAIT_SECONDS}) until that changes, instead of polling; ${after}. A server holding its ` +
      'maximum of waiting requests answers at once.',
    schema: { type: 'string', example: 'wait=5' },
  });
}

/** A wait registered with `Arrivals.expect`: settled by an arrival of its key or by its timeout, whichever is first. */
export interface Expectation {
  /** False when no wait was registered (no time asked, or the waits at capacity): `arrived` is then false at once. */
  readonly registered: boolean;
  /** True when its key arrived, false when the time ran out, it was cancelled or no wait was possible. */
  readonly arrived: Promise<boolean>;
  /** Stops waiting (the promise gives false); harmless once settled. */
  cancel(): void;
}

/**
 * Requests waiting for something another part of the process makes (a consumer's transaction), by key: the maker
 * calls `arrive(key)` once it has committed, and every request waiting for that key looks again at once instead of
 * polling. A wait is registered before the caller's first read (`expect`), so an arrival between that read and the
 * wait is not missed. Bounded: past `capacity` waits at once, `expect` answers false at once (the request is answered
 * as it stands), so held requests cannot pile up without end. An arrival made by another replica of the service is
 * not seen here: a caller re-reads after a short timeout as well.
 */
export class Arrivals {
  private readonly waiting = new Map<string, Set<(arrived: boolean) => void>>();
  private count = 0;
  private closed = false;

  constructor(private readonly capacity = 512) {}

  /** Waits at most `timeoutMs` for `key` to arrive. */
  expect(key: string, timeoutMs: number): Expectation {
    if (timeoutMs <= 0 || this.count >= this.capacity || this.closed)
      return { registered: false, arrived: Promise.resolve(false), cancel: () => undefined };
    let settle!: (arrived: boolean) => void;
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), timeoutMs);
      settle = (value) => {
        const set = this.waiting.get(key);
        if (!set?.delete(settle)) return;
        if (set.size === 0) this.waiting.delete(key);
        this.count -= 1;
        clearTimeout(timer);
        resolve(value);
      };
    });
    let set = this.waiting.get(key);
    if (!set) this.waiting.set(key, (set = new Set()));
    set.add(settle);
    this.count += 1;
    return { registered: true, arrived, cancel: () => settle(false) };
  }

  /**
   * Reads with `read` until it finds something or `waitMs` has passed, reading again as soon as `key` arrives, and at
   * least every `recheckMs` (for what another replica made). Reads once when `waitMs` is 0 or no wait can be
   * registered. `undefined` when nothing was found in time.
   */
  async read<T>(
    key: string,
    waitMs: number,
    read: () => Promise<T | undefined>,
    recheckMs = 250,
  ): Promise<T | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const expectation = this.expect(key, Math.min(deadline - Date.now(), recheckMs));
      let found: T | undefined;
      try {
        found = await read();
      } catch (err) {
        expectation.cancel();
        throw err;
      }
      if (found !== undefined || !expectation.registered) {
        expectation.cancel();
        return found;
      }
      await expectation.arrived;
    }
  }

  /**
   * Ends every wait (false) and registers none after, for a service shutting down: held requests are read once more
   * and answered as they stand.
   */
  close(): void {
    this.closed = true;
    for (const set of [...this.waiting.values()]) for (const settle of [...set]) settle(false);
  }

  /** Wakes every wait for `key`; called once what they wait for is committed. */
  arrive(key: string): void {
    const set = this.waiting.get(key);
    if (set) for (const settle of [...set]) settle(true);
  }

  /** Waits registered now. */
  get size(): number {
    return this.count;
  }
}
