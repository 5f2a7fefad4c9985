import { randomBytes, randomUUID } from 'node:crypto';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { KeyHashPartitioner, murmur2 } from './key-partitioner';

const partitions = (count: number, leaderless: number[] = []): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: leaderless.includes(partitionId) ? -1 : 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));

describe('murmur2', () => {
  it("answers the Java client's published test vectors", () => {
    // Kafka's UtilsTest.testMurmur2.
    const vectors: Array<[string, number]> = [
      ['21', -973932308],
      ['foobar', -790332482],
      ['a-little-bit-long-string', -985981536],
      ['a-little-bit-longer-string', -1486304829],
      ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
      ['abc', 479470107],
    ];
    for (const [key, hash] of vectors) expect(murmur2(Buffer.from(key))).toBe(hash);
  });

  it("answers what kafkajs' own murmur2 answers, for every length of key and every tail", () => {
    const reference = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
      key: Buffer,
    ) => number;
    for (let i = 0; i < 5_000; i += 1) {
      const key = randomBytes(i % 80);
      expect(murmur2(key)).toBe(reference(key));
    }
  });
});

describe('KeyHashPartitioner', () => {
  it("puts keyed records where kafkajs' DefaultPartitioner (and the Java client) puts them", () => {
    const ours = KeyHashPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const count of [1, 2, 3, 6, 12, 50]) {
      const partitionMetadata = partitions(count);
      for (let i = 0; i < 2_000; i += 1) {
        const key =
          i % 3 === 0 ? randomBytes(i % 40) : i % 3 === 1 ? randomUUID() : `保单-${i}-${randomUUID()}`;
        const args = { topic: 't', partitionMetadata, message: { key, value: 'v' } };
        expect(ours(args)).toBe(theirs(args));
      }
    }
  });

  it('keeps a record on the partition it names, and spreads keyless records over partitions with a leader', () => {
    const ours = KeyHashPartitioner();
    const partitionMetadata = partitions(6, [1, 4]);
    expect(ours({ topic: 't', partitionMetadata, message: { key: 'k', partition: 4, value: 'v' } })).toBe(4);
    const chosen = new Set(
      Array.from({ length: 40 }, () => ours({ topic: 't', partitionMetadata, message: { value: 'v' } })),
    );
    expect([...chosen].sort()).toEqual([0, 2, 3, 5]);
  });
});
