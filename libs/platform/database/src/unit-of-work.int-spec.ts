import { DataSource } from 'typeorm';
import { testEnvironment } from '@insurer/platform-testing';
import { contextOf, inTransaction, setContextOf, transaction } from './unit-of-work';

describe('a transaction names what it is done for', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource({
      type: 'postgres',
      url: testEnvironment().databaseUrl,
      extra: { max: 4 },
    }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('answers the context it was opened with inside it, and none outside it', async () => {
    const request = { correlationId: 'req-1' };
    const seen = await transaction(dataSource, request, async (m) => {
      await m.query('SELECT 1');
      return contextOf(m);
    });
    expect(seen).toBe(request);
    expect(contextOf(dataSource.manager)).toBeUndefined();
    expect(await transaction(dataSource, undefined, async (m) => contextOf(m))).toBeUndefined();
  });

  it('keeps concurrent transactions apart: each sees its own context across its awaits', async () => {
    const seen = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        transaction(dataSource, { correlationId: `req-${i}` }, async (m) => {
          const before = contextOf(m)?.correlationId;
          await m.query('SELECT pg_sleep(0.01)');
          return [before, contextOf(m)?.correlationId];
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => [`req-${i}`, `req-${i}`]));
  });

  it("runs in the caller's transaction when given one, keeping its context; opens one for a request otherwise", async () => {
    const delivery = { correlationId: 'cmd-1', causationId: 'cmd-1' };
    const [outer, inner, sameTransaction] = await transaction(dataSource, delivery, async (m) => {
      const [pid] = (await m.query('SELECT txid_current() AS id')) as { id: string }[];
      return inTransaction(dataSource, m, async (n) => {
        const [again] = (await n.query('SELECT txid_current() AS id')) as { id: string }[];
        return [contextOf(m), contextOf(n), pid.id === again.id];
      });
    });
    expect(outer).toBe(delivery);
    expect(inner).toBe(delivery);
    expect(sameTransaction).toBe(true);
    const request = { correlationId: 'req-2' };
    expect(await inTransaction(dataSource, request, async (m) => contextOf(m))).toBe(request);
  });

  it('is renamed event by event within one transaction, and cleared for a run', async () => {
    const names = await transaction(dataSource, undefined, async (m) => {
      const seen: (string | undefined)[] = [];
      for (const id of ['e1', 'e2']) {
        setContextOf(m, { correlationId: 'flow', causationId: id });
        await m.query('SELECT 1');
        seen.push(contextOf(m)?.causationId);
      }
      setContextOf(m, undefined);
      seen.push(contextOf(m)?.causationId);
      return seen;
    });
    expect(names).toEqual(['e1', 'e2', undefined]);
  });
});
