import { RestartBudget, StuckWatch, isBrokerUnreachable } from './restart-budget';

describe('RestartBudget', () => {
  it('allows the maximum within the window and refuses one more', () => {
    const budget = new RestartBudget(2, 60_000);
    expect([budget.allow(0), budget.allow(1_000), budget.allow(2_000)]).toEqual([true, true, false]);
  });

  it('forgets crashes older than the window, so a lifetime of blips never adds up', () => {
    const budget = new RestartBudget(2, 60_000);
    expect(budget.allow(0)).toBe(true);
    expect(budget.allow(59_999)).toBe(true);
    expect(budget.recent(60_000)).toBe(1);
    expect(budget.allow(60_000)).toBe(true);
    expect(budget.allow(200_000)).toBe(true);
    expect(budget.allow(200_001)).toBe(true);
    expect(budget.allow(200_002)).toBe(false);
  });

  it('allows none with a budget of zero', () => {
    expect(new RestartBudget(0, 1_000).allow(0)).toBe(false);
  });
});

describe('isBrokerUnreachable', () => {
  const named = (name: string, extra: Record<string, unknown> = {}) =>
    Object.assign(new Error(name), { name, ...extra });

  it('sees a connection error, also wrapped by the retrier', () => {
    expect(isBrokerUnreachable(named('KafkaJSConnectionError'))).toBe(true);
    expect(
      isBrokerUnreachable(
        named('KafkaJSNumberOfRetriesExceeded', { cause: named('KafkaJSConnectionError') }),
      ),
    ).toBe(true);
    expect(
      isBrokerUnreachable(
        named('KafkaJSNonRetriableError', { originalError: named('KafkaJSBrokerNotFound') }),
      ),
    ).toBe(true);
  });

  it('does not take a handler or protocol failure for an outage', () => {
    expect(isBrokerUnreachable(named('KafkaJSNumberOfRetriesExceeded', { cause: new TypeError('x') }))).toBe(
      false,
    );
    expect(isBrokerUnreachable(named('KafkaJSProtocolError'))).toBe(false);
    expect(isBrokerUnreachable(undefined)).toBe(false);
  });
});

describe('StuckWatch', () => {
  type State = 'joining' | 'consuming' | 'waiting_for_broker';
  const watch = () => new StuckWatch<State>(new Set<State>(['joining', 'waiting_for_broker']), 120_000);

  it('finds a consumer stuck once it has stood in a passing state past the limit, not before', () => {
    const w = watch();
    w.enter('joining', 0);
    expect(w.stuck(120_000)).toBe(false);
    expect(w.stuck(120_001)).toBe(true);
    expect(w.standing(120_001)).toBe(120_001);
  });

  it('counts from the first time in a state, not from each time it is said again', () => {
    const w = watch();
    w.enter('joining', 0);
    w.enter('joining', 100_000);
    expect(w.stuck(120_001)).toBe(true);
    // A new state starts a new count; a state it may stay in for good (consuming) is never stuck.
    w.enter('waiting_for_broker', 120_001);
    expect(w.stuck(200_000)).toBe(false);
    w.enter('consuming', 200_000);
    expect(w.stuck(10_000_000)).toBe(false);
  });

  it('starts the count again for a consumer started afresh in the state it was stuck in', () => {
    const w = watch();
    w.enter('joining', 0);
    w.reset('joining', 130_000);
    expect(w.stuck(200_000)).toBe(false);
    expect(w.stuck(250_001)).toBe(true);
  });
});
