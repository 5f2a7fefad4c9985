import { applyKafkajsGroupingFix, groupMessagesPerPartition } from './kafkajs-grouping-fix';

type Grouping = typeof groupMessagesPerPartition;
type Message = { key: string; partition?: number };

/** kafkajs' own grouping, loaded in a registry of its own (this file's has the fix applied at import). */
function kafkajsGrouping(): Grouping {
  let original: Grouping | undefined;
  jest.isolateModules(() => {
    original = require('kafkajs/src/producer/groupMessagesPerPartition.js') as Grouping;
  });
  if (!original || original === groupMessagesPerPartition)
    throw new Error('kafkajs’ grouping not loaded apart');
  return original;
}

const metadata = (n: number) => Array.from({ length: n }, (_, partitionId) => ({ partitionId }));

describe('kafkajs grouping messages by partition', () => {
  it('groups as kafkajs does: same partitions in the same key order, messages in order, fresh arrays', () => {
    const original = kafkajsGrouping();
    let seed = 7;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let round = 0; round < 200; round += 1) {
      const partitions = 1 + Math.floor(random() * 12);
      const messages: Message[] = Array.from({ length: Math.floor(random() * 300) }, (_, i) => ({
        key: `k${i}`,
        ...(random() < 0.2 ? { partition: Math.floor(random() * partitions) } : {}),
      }));
      const asked: Message[][] = [[], []];
      const partitioner =
        (calls: Message[]) =>
        ({ message }: { message: Message }) => {
          calls.push(message);
          return message.partition ?? Number(message.key.slice(1)) % partitions;
        };
      const input = { topic: 't', partitionMetadata: metadata(partitions), messages };
      const theirs = original({ ...input, partitioner: partitioner(asked[0]) });
      const ours = groupMessagesPerPartition({ ...input, partitioner: partitioner(asked[1]) });
      expect(ours).toEqual(theirs);
      expect(Object.keys(ours)).toEqual(Object.keys(theirs));
      expect(asked[1]).toEqual(asked[0]);
      for (const group of Object.values(ours)) expect(group).not.toBe(messages);
    }
    const none = { topic: 't', partitionMetadata: [], messages: [{ key: 'a' }], partitioner: () => 0 };
    expect(groupMessagesPerPartition(none)).toEqual(original(none));
  });

  it('is the grouping kafkajs’ producer sends with once kafka.ts is loaded, and cannot be once the producer is', async () => {
    let fix: { groupMessagesPerPartition: Grouping } | undefined;
    let loaded: Grouping | undefined;
    let send: ((args: Record<string, unknown>) => Promise<unknown>) | undefined;
    // The partitioner sees who called it: the send stops there, having grouped its messages.
    let caller: string | undefined;
    jest.isolateModules(() => {
      require('./kafka');
      fix = require('./kafkajs-grouping-fix') as { groupMessagesPerPartition: Grouping };
      loaded = require('kafkajs/src/producer/groupMessagesPerPartition.js') as Grouping;
      const createSendMessages = require('kafkajs/src/producer/sendMessages.js') as (
        deps: Record<string, unknown>,
      ) => (args: Record<string, unknown>) => Promise<unknown>;
      send = createSendMessages({
        logger: { debug: () => undefined, error: () => undefined },
        cluster: {
          addMultipleTargetTopics: async () => undefined,
          isConnected: () => true,
          refreshMetadataIfNecessary: async () => undefined,
          findTopicPartitionMetadata: () => metadata(3),
        },
        partitioner: () => {
          caller = new Error().stack?.split('\n')[2];
          throw new Error('grouped');
        },
        eosManager: {},
        retrier: (attempt: (bail: (e: Error) => never) => Promise<unknown>) =>
          attempt((e) => {
            throw e;
          }),
      });
    });
    await expect(
      send?.({ acks: -1, topicMessages: [{ topic: 't', messages: [{ key: 'a' }] }] }),
    ).rejects.toThrow('grouped');
    expect(caller).toContain('kafkajs-grouping-fix');
    expect(loaded).toBe(fix?.groupMessagesPerPartition);
    jest.isolateModules(() => {
      require('kafkajs');
      const late = require('./kafkajs-grouping-fix') as {
        applyKafkajsGroupingFix: () => boolean;
        groupMessagesPerPartition: Grouping;
      };
      expect(late.applyKafkajsGroupingFix()).toBe(false);
      expect(require('kafkajs/src/producer/groupMessagesPerPartition.js')).not.toBe(
        late.groupMessagesPerPartition,
      );
    });
    expect(applyKafkajsGroupingFix()).toBe(true);
  });
});
