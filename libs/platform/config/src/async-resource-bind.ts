import { AsyncResource } from 'node:async_hooks';

type Fn = (this: unknown, ...args: never[]) => unknown;
type Bind = (this: AsyncResource, fn: Fn, thisArg?: unknown) => unknown;

const nodeBind: Bind = AsyncResource.prototype.bind as Bind;

/**
 * `AsyncResource.prototype.bind` as Node has had it since the `asyncResource` property of bound functions reached its
 * end of life (DEP0172, nodejs/node#58618): the function runs in the resource's async scope, keeps `fn`'s length,
 * and carries nothing else. Non-functions go to Node's own bind, for its exact error.
 */
function leanBind(this: AsyncResource, fn: Fn, thisArg?: unknown): unknown {
  if (typeof fn !== 'function') return nodeBind.call(this, fn, thisArg);
  const bound =
    thisArg === undefined
      ? callerBound(this, fn)
      : (Function.prototype.bind.call(this.runInAsyncScope, this, fn, thisArg) as Fn);
  Object.defineProperty(bound, 'length', {
    configurable: true,
    enumerable: false,
    value: fn.length,
    writable: false,
  });
  return bound;
}

/** Bound without a `this`: the function sees whatever `this` the caller gives the bound one, as with Node's. */
function callerBound(resource: AsyncResource, fn: Fn): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]) {
    return Reflect.apply(resource.runInAsyncScope, resource, [fn, this, ...args]);
  };
}

/** Whether this runtime's bind gives the bound function the deprecated `asyncResource` accessor. */
function nodeBindAddsAccessor(): boolean {
  const probe = new AsyncResource('platform:bind-probe', { requireManualDestroy: true });
  const adds =
    Object.getOwnPropertyDescriptor(
      nodeBind.call(probe, () => undefined),
      'asyncResource',
    ) !== undefined;
  // Its init was announced to any async hook; so is its end.
  probe.emitDestroy();
  return adds;
}

/**
 * Node 20's bind gives every bound function that accessor, built from two `util.deprecate` wrappers, each of which
 * sets its prototype to the function it wraps: some 10 us a bind here, against under 1 for the rest of it. Fastify
 * binds one for every request with a body (its content-type parser runs the parser's callback in an AsyncResource),
 * so perf put 19-20 us of each POST /claims there. Node stopped changing those prototypes in 24 (nodejs/node#58218)
 * and then stopped adding the property; on a runtime whose bind still adds it, this gives bind the later behaviour,
 * for the whole process (nothing here or in the dependencies reads the property). Once only; true while in force.
 */
export function applyLeanAsyncResourceBind(): boolean {
  if ((AsyncResource.prototype.bind as Bind) === leanBind) return true;
  if (AsyncResource.prototype.bind !== (nodeBind as unknown) || !nodeBindAddsAccessor()) return false;
  AsyncResource.prototype.bind = leanBind as typeof AsyncResource.prototype.bind;
  return true;
}
