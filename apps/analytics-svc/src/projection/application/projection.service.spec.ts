import type { EntityManager } from 'typeorm';
import type { DomainEvent } from '@insurer/contracts';
import { eventFixtures } from '@insurer/contracts/testing';
import { ProjectionService } from './projection.service';

type Row = Record<string, unknown>;

/**
 * A stand-in for Postgres that runs the projection's upserts on tables in memory: enough of INSERT ... SELECT from the
 * rows' JSON into the named generations ... ON CONFLICT (generation, key) DO UPDATE SET / DO NOTHING to compare a run
 * applied at once with its events one by one.
 */
function memoryDatabase() {
  const tables = new Map<string, Map<string, Row>>();
  const statements: string[] = [];
  const manager = {
    query: async (sql: string, params: unknown[]) => {
      statements.push(sql);
      const [, table, list] = /INSERT INTO analytics\.(\w+) \(([^)]*)\)/.exec(sql) ?? [];
      const [, key] = /ON CONFLICT \(generation, (\w+)\)/.exec(sql) ?? [];
      const columns = list
        .split(',')
        .map((c) => c.trim())
        .filter((c) => c !== 'generation');
      const update = sql.includes('DO UPDATE');
      const rows = tables.get(table) ?? new Map<string, Row>();
      tables.set(table, rows);
      const [json, generations] = params as [string, number[]];
      for (const generation of generations) {
        for (const written of JSON.parse(json) as Row[]) {
          const values: Row = { generation, ...Object.fromEntries(columns.map((c) => [c, written[c]])) };
          const id = `${String(values.generation)}:${String(values[key])}`;
          const existing = rows.get(id);
          if (!existing) rows.set(id, values);
          else if (update) Object.assign(existing, values);
        }
      }
      return [];
    },
  } as unknown as EntityManager;
  return { manager, tables, statements };
}

let seq = 0;
function event<T extends keyof typeof eventFixtures>(
  type: T,
  payload: Partial<(typeof eventFixtures)[T]> = {},
): DomainEvent {
  seq += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    version: 1,
    occurredAt: '2026-12-02T08:00:00.000Z',
    producer: 'test',
    aggregateId: 'a',
    correlationId: 'c',
    causationId: null,
    payload: { ...eventFixtures[type], ...payload },
  } as unknown as DomainEvent;
}

async function bothWays(events: DomainEvent[], generations = [1]) {
  const projections = new ProjectionService();
  const oneByOne = memoryDatabase();
  for (const e of events) await projections.apply(oneByOne.manager, e, generations);
  const atOnce = memoryDatabase();
  await projections.applyAll(atOnce.manager, events, generations);
  return { oneByOne, atOnce };
}

describe('a run of events applied at once', () => {
  it('writes each read model once per column set: one statement for fifty issued policies', async () => {
    const issued = Array.from({ length: 50 }, (_, i) =>
      event('contract.policy-issued', { policyId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}` }),
    );
    const { oneByOne, atOnce } = await bothWays(issued);
    expect(oneByOne.statements).toHaveLength(50);
    expect(atOnce.statements).toHaveLength(1);
    expect(atOnce.tables).toEqual(oneByOne.tables);
    expect(atOnce.tables.get('p_policy')?.size).toBe(50);
  });

  it('leaves a row as its events in turn would, when they write it under different column sets', async () => {
    const claimId = '00000000-0000-4000-a000-000000000001';
    const other = '00000000-0000-4000-a000-000000000002';
    // Approved, reopened, rejected, reopened and approved again: the last decision stands.
    const events = [
      event('claims.claim-reported', { claimId }),
      event('claims.claim-reported', { claimId: other }),
      event('claims.claim-approved', {
        claimId,
        decidedAt: '2026-12-01T08:00:00.000Z',
        paymentDueOn: '2026-12-11',
      }),
      event('claims.claim-reopened', { claimId }),
      event('claims.claim-rejected', { claimId }),
      event('claims.claim-approved', { claimId: other }),
      event('claims.claim-reopened', { claimId }),
      event('claims.claim-approved', {
        claimId,
        decidedAt: '2026-12-03T08:00:00.000Z',
        paymentDueOn: '2026-12-13',
      }),
    ];
    const { oneByOne, atOnce } = await bothWays(events, [1, 2]);
    expect(atOnce.tables).toEqual(oneByOne.tables);
    expect(atOnce.tables.get('p_claim')?.get(`1:${claimId}`)).toMatchObject({ decision: 'approve' });
    expect(atOnce.statements.length).toBeLessThan(oneByOne.statements.length);
  });

  it('gives a row written twice under the same column set the second’s values, as in turn', async () => {
    const paid = event('claims.claim-paid');
    const { oneByOne, atOnce } = await bothWays([
      paid,
      { ...paid, payload: { ...paid.payload, amountFen: 1 } } as DomainEvent,
    ]);
    expect(atOnce.tables).toEqual(oneByOne.tables);
    expect(atOnce.statements).toHaveLength(1);
    expect([...(atOnce.tables.get('p_claim_payment')?.values() ?? [])]).toMatchObject([{ amount_fen: 1 }]);
  });
});
