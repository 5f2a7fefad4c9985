import { AsyncLocalStorage, AsyncResource, executionAsyncId } from 'node:async_hooks';
import { applyLeanAsyncResourceBind } from './async-resource-bind';

describe('applyLeanAsyncResourceBind', () => {
  const nodeBind = AsyncResource.prototype.bind;
  // What this runtime's own bind does, read before the correction: Node 20 adds the deprecated accessor.
  const nodeAddsAccessor =
    Object.getOwnPropertyDescriptor(
      new AsyncResource('spec').bind(() => 1),
      'asyncResource',
    ) !== undefined;
  let applied: boolean;

  beforeAll(() => {
    applied = applyLeanAsyncResourceBind();
  });
  afterAll(() => {
    AsyncResource.prototype.bind = nodeBind;
  });

  it('is in force where the runtime adds the accessor, and bound functions no longer carry it', () => {
    expect(applied).toBe(nodeAddsAccessor);
    const bound = new AsyncResource('spec').bind(() => 1);
    expect(Object.getOwnPropertyDescriptor(bound, 'asyncResource')).toBeUndefined();
    expect(Object.keys(bound)).toEqual([]);
    // The static form goes through the prototype's.
    expect(
      Object.getOwnPropertyDescriptor(
        AsyncResource.bind(() => 1),
        'asyncResource',
      ),
    ).toBeUndefined();
  });

  it('runs the function in the async scope of the resource, not of its caller', () => {
    const storage = new AsyncLocalStorage<string>();
    const resource = storage.run('where it was bound', () => new AsyncResource('spec'));
    const bound = resource.bind(() => ({ store: storage.getStore(), id: executionAsyncId() }));
    const seen = storage.run('where it is called', () => bound());
    expect(seen).toEqual({ store: 'where it was bound', id: resource.asyncId() });
  });

  it('passes the arguments, the return value and `this` through, and keeps the length', () => {
    const resource = new AsyncResource('spec');
    function add(this: { base: number } | undefined, a: number, b: number) {
      return (this?.base ?? 0) + a + b;
    }
    const bound = resource.bind(add);
    expect(bound.length).toBe(2);
    expect(bound.call({ base: 10 }, 1, 2)).toBe(13);
    // Node's bind takes a `this` too, which @types/node leaves out.
    const bindTo = resource.bind as unknown as (fn: typeof add, thisArg: object) => typeof add;
    const boundTo = bindTo.call(resource, add, { base: 100 });
    expect(boundTo.length).toBe(2);
    expect(boundTo.call({ base: 10 }, 1, 2)).toBe(103);
    const thrown = new Error('from inside');
    expect(() =>
      resource.bind(() => {
        throw thrown;
      })(),
    ).toThrow(thrown);
  });

  it("refuses a non-function as Node's own bind does", () => {
    expect(() => new AsyncResource('spec').bind(42 as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });

  it('is applied once: a second call changes nothing', () => {
    const current = AsyncResource.prototype.bind;
    expect(applyLeanAsyncResourceBind()).toBe(applied);
    expect(AsyncResource.prototype.bind).toBe(current);
  });
});
