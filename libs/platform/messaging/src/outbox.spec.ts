import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { compiled, latestEventDefinition } from '@insurer/contracts';
import { OutboxPublisher } from './outbox';

describe('OutboxPublisher', () => {
  it('checks a payload with its contract’s compiled parser, and writes nothing it refuses', async () => {
    const def = latestEventDefinition('claims.claim-reopened')!;
    const parse = jest.spyOn(compiled(def.payload), 'safeParse');
    const manager = {} as EntityManager;
    try {
      await expect(
        new OutboxPublisher('claims', 'test').publish(manager, {
          type: 'claims.claim-reopened',
          aggregateId: randomUUID(),
          payload: { claimId: 'not-a-uuid' },
        } as never),
      ).rejects.toThrow(/does not match its contract/);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      jest.restoreAllMocks();
    }
  });
});
