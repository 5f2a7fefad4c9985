import { Arrivals, MAX_PREFERRED_WAIT_SECONDS, preferredWaitMs } from './prefer-wait';

describe('preferredWaitMs (RFC 7240 wait)', () => {
  it('reads wait=N in seconds, among other preferences, whatever its case and spacing', () => {
    expect(preferredWaitMs('wait=5')).toBe(5_000);
    expect(preferredWaitMs('respond-async, Wait = 3')).toBe(3_000);
    expect(preferredWaitMs('return=minimal; foo="bar", wait="2"')).toBe(2_000);
    expect(preferredWaitMs(['handling=lenient', 'wait=1'])).toBe(1_000);
  });

  it('holds a request no longer than the platform allows', () => {
    expect(preferredWaitMs('wait=3600')).toBe(MAX_PREFERRED_WAIT_SECONDS * 1000);
  });

  it('ignores what it cannot read, and asks no wait without the preference', () => {
    expect(preferredWaitMs(undefined)).toBe(0);
    expect(preferredWaitMs('respond-async')).toBe(0);
    expect(preferredWaitMs('wait')).toBe(0);
    expect(preferredWaitMs('wait=-1')).toBe(0);
    expect(preferredWaitMs('wait=1.5')).toBe(0);
    expect(preferredWaitMs('wait=soon')).toBe(0);
    expect(preferredWaitMs('waiting=5')).toBe(0);
    // The first wait decides.
    expect(preferredWaitMs('wait=x, wait=5')).toBe(0);
    expect(preferredWaitMs('wait=2, wait=5')).toBe(2_000);
  });
});

describe('Arrivals', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes every wait for a key when it arrives, and only those', async () => {
    const arrivals = new Arrivals();
    const a = arrivals.expect('k1', 5_000);
    const b = arrivals.expect('k1', 5_000);
    const other = arrivals.expect('k2', 5_000);
    arrivals.arrive('k1');
    await expect(a.arrived).resolves.toBe(true);
    await expect(b.arrived).resolves.toBe(true);
    expect(arrivals.size).toBe(1);
    jest.advanceTimersByTime(5_000);
    await expect(other.arrived).resolves.toBe(false);
    expect(arrivals.size).toBe(0);
  });

  it('gives up after its time, and a late arrival changes nothing', async () => {
    const arrivals = new Arrivals();
    const wait = arrivals.expect('k', 1_000);
    jest.advanceTimersByTime(999);
    expect(arrivals.size).toBe(1);
    jest.advanceTimersByTime(1);
    await expect(wait.arrived).resolves.toBe(false);
    arrivals.arrive('k');
    expect(arrivals.size).toBe(0);
  });

  it('registers nothing without time or past its capacity, and cancels on request or for good at shutdown', async () => {
    const arrivals = new Arrivals(2);
    expect(arrivals.expect('k', 0).registered).toBe(false);
    const first = arrivals.expect('a', 5_000);
    const second = arrivals.expect('b', 5_000);
    const refused = arrivals.expect('c', 5_000);
    expect([first.registered, second.registered, refused.registered]).toEqual([true, true, false]);
    await expect(refused.arrived).resolves.toBe(false);
    first.cancel();
    await expect(first.arrived).resolves.toBe(false);
    expect(arrivals.size).toBe(1);
    arrivals.close();
    await expect(second.arrived).resolves.toBe(false);
    expect(arrivals.size).toBe(0);
    expect(arrivals.expect('d', 5_000).registered).toBe(false);
  });

  describe('read', () => {
    it('answers what the first read finds, without waiting', async () => {
      const arrivals = new Arrivals();
      const read = jest.fn(async () => 'case');
      await expect(arrivals.read('k', 5_000, read)).resolves.toBe('case');
      expect(read).toHaveBeenCalledTimes(1);
      expect(arrivals.size).toBe(0);
    });

    it('reads again when the key arrives, and answers what it then finds', async () => {
      const arrivals = new Arrivals();
      const table: { stored?: string } = {};
      const read = jest.fn(async () => table.stored);
      const answer = arrivals.read('k', 5_000, read, 1_000);
      await jest.advanceTimersByTimeAsync(0);
      expect(read).toHaveBeenCalledTimes(1);
      table.stored = 'case';
      arrivals.arrive('k');
      await expect(answer).resolves.toBe('case');
      expect(read).toHaveBeenCalledTimes(2);
    });

    it('reads again every recheck (what another replica made) and gives up at its deadline', async () => {
      const arrivals = new Arrivals();
      const read = jest.fn(async () => undefined);
      const answer = arrivals.read('k', 1_000, read, 250);
      await jest.advanceTimersByTimeAsync(1_000);
      await expect(answer).resolves.toBeUndefined();
      // At 0, 250, 500, 750 and at the deadline.
      expect(read).toHaveBeenCalledTimes(5);
      expect(arrivals.size).toBe(0);
    });

    it('reads once when asked no wait or when it cannot wait', async () => {
      const full = new Arrivals(0);
      const read = jest.fn(async () => undefined);
      await expect(full.read('k', 5_000, read)).resolves.toBeUndefined();
      await expect(new Arrivals().read('k', 0, read)).resolves.toBeUndefined();
      expect(read).toHaveBeenCalledTimes(2);
    });

    it('answers what one more read finds once closed, however long it was asked to wait', async () => {
      const arrivals = new Arrivals();
      const read = jest.fn(async () => undefined);
      const answer = arrivals.read('k', 10_000, read, 250);
      await jest.advanceTimersByTimeAsync(0);
      arrivals.close();
      await jest.advanceTimersByTimeAsync(0);
      await expect(answer).resolves.toBeUndefined();
      expect(read).toHaveBeenCalledTimes(2);
    });

    it('lets a failed read fail, leaving no wait behind', async () => {
      const arrivals = new Arrivals();
      await expect(
        arrivals.read('k', 5_000, async () => {
          throw new Error('database down');
        }),
      ).rejects.toThrow('database down');
      expect(arrivals.size).toBe(0);
    });
  });
});
