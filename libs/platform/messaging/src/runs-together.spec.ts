import { GROUP_SIZE, RunsTogether, type Part } from './inbox-consumer';

/** A part of `size` events on a partition; the events themselves do not matter to the gathering. */
const part = (partition: number, size = 1): Part =>
  ({ topic: 't', partition, group: Array.from({ length: size }, () => ({})) }) as unknown as Part;

/** Records the transactions asked for; `fail` decides each one's answer. */
function gathering(
  fail: (parts: readonly Part[]) => { index: number; part?: number } | undefined = () => undefined,
) {
  const together: number[][] = [];
  const alone: number[] = [];
  const runs = new RunsTogether(
    async (parts) => {
      together.push(parts.map((p) => p.partition));
      const failure = fail(parts);
      return failure ? { ...failure, error: new Error('refused') } : true;
    },
    (p) => {
      alone.push(p.partition);
      return undefined;
    },
  );
  return { runs, together, alone };
}

describe('RunsTogether', () => {
  it('applies the parts handed in within one turn in one transaction, and a lone part on its own', async () => {
    const { runs, together, alone } = gathering();
    expect(await Promise.all([runs.apply(part(0)), runs.apply(part(1)), runs.apply(part(2))])).toEqual([
      true,
      true,
      true,
    ]);
    expect(together).toEqual([[0, 1, 2]]);
    expect(await runs.apply(part(3))).toBeUndefined();
    expect(alone).toEqual([3]);
  });

  it('gives a failing part its own failure and applies the others together again', async () => {
    const { runs, together } = gathering((parts) =>
      parts.some((p) => p.partition === 1)
        ? { index: 2, part: parts.findIndex((p) => p.partition === 1) }
        : undefined,
    );
    const [a, b, c] = await Promise.all([runs.apply(part(0)), runs.apply(part(1, 3)), runs.apply(part(2))]);
    expect([a, c]).toEqual([true, true]);
    expect(b).toMatchObject({ index: 2 });
    expect(b).not.toHaveProperty('part');
    expect(together).toEqual([
      [0, 1, 2],
      [0, 2],
    ]);
  });

  it('applies each part on its own when the shared transaction itself failed', async () => {
    const { runs, together, alone } = gathering((parts) => (parts.length > 1 ? { index: -1 } : undefined));
    await Promise.all([runs.apply(part(0)), runs.apply(part(1))]);
    expect(together).toEqual([[0, 1]]);
    expect(alone).toEqual([0, 1]);
  });

  it('puts no more than GROUP_SIZE events in one transaction', async () => {
    const { runs, together } = gathering();
    await Promise.all([
      runs.apply(part(0, GROUP_SIZE - 20)),
      runs.apply(part(1, 20)),
      runs.apply(part(2, 5)),
      runs.apply(part(3, 5)),
    ]);
    expect(together).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});
