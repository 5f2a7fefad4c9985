import type { EntityManager } from 'typeorm';
import type { ChainHead } from '../../audit/application/chain-head';
import type { RuleVersionEntity } from '../infrastructure/monitoring.entity';
import { RuleTable } from './rule-table';

const version = (ruleId: string, v: number, effectiveFrom: string, effectiveTo: string | null) =>
  ({ ruleId, version: v, effectiveFrom, effectiveTo }) as RuleVersionEntity;

/** A rule table whose rows and generation the test sets, counting the reads of the rows. */
function table() {
  const state = { generation: '1', rows: [version('A', 1, '2026-01-01', null)], reads: 0, fail: false };
  const head = { ruleGeneration: async () => state.generation } as unknown as ChainHead;
  const m = {
    find: async () => {
      state.reads += 1;
      if (state.fail) throw new Error('connection lost');
      return [...state.rows];
    },
  } as unknown as EntityManager;
  return { state, m, rules: new RuleTable(head) };
}

describe('RuleTable', () => {
  it('reads the rows once for as long as the generation stands, and again when it moves', async () => {
    const { state, m, rules } = table();
    await rules.rulesOn(m, '2026-06-01');
    await rules.rulesOn(m, '2026-06-02');
    expect(state.reads).toBe(1);
    state.rows = [version('A', 2, '2026-06-02', null), version('A', 1, '2026-01-01', '2026-06-01')];
    state.generation = '2';
    expect((await rules.rulesOn(m, '2026-06-02')).map((r) => r.version)).toEqual([2]);
    expect((await rules.rulesOn(m, '2026-06-01')).map((r) => r.version)).toEqual([1]);
    expect(state.reads).toBe(2);
  });

  it('answers the same day with the same list until the rows are read again', async () => {
    const { state, m, rules } = table();
    const first = await rules.rulesOn(m, '2026-06-01');
    expect(await rules.rulesOn(m, '2026-06-01')).toBe(first);
    expect(await rules.rulesOn(m, '2026-06-02')).not.toBe(first);
    state.generation = '2';
    expect(await rules.rulesOn(m, '2026-06-02')).toEqual([state.rows[0]]);
    expect(state.reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const { state, m, rules } = table();
    state.fail = true;
    await expect(rules.rulesOn(m, '2026-06-01')).rejects.toThrow('connection lost');
    state.fail = false;
    expect(await rules.rulesOn(m, '2026-06-01')).toHaveLength(1);
    expect(state.reads).toBe(2);
  });
});
