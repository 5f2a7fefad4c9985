import type { EntityManager } from 'typeorm';
import { PerTransaction } from './per-transaction';

const manager = (isTransactionActive: boolean) =>
  ({ queryRunner: { isTransactionActive } }) as unknown as EntityManager;

describe('PerTransaction', () => {
  it('loads once per transaction and again for the next one', async () => {
    let loads = 0;
    const value = new PerTransaction(async () => ++loads);
    const first = manager(true);
    expect([await value.get(first), await value.get(first), await value.get(first)]).toEqual([1, 1, 1]);
    const second = manager(true);
    expect(await value.get(second)).toBe(2);
    expect(await value.get(first)).toBe(1);
  });

  it('keeps nothing for a manager outside a transaction', async () => {
    let loads = 0;
    const value = new PerTransaction(async () => ++loads);
    const global = manager(false);
    expect([await value.get(global), await value.get(global)]).toEqual([1, 2]);
  });

  it('tells what a transaction has read, without reading it', async () => {
    const value = new PerTransaction(async () => 'read');
    const open = manager(true);
    expect(value.peek(open)).toBeUndefined();
    await value.get(open);
    expect(await value.peek(open)).toBe('read');
    expect(value.peek(manager(true))).toBeUndefined();
    expect(value.peek(manager(false))).toBeUndefined();
  });
});
