import { summarizeHeap, type SamplingHeapNode } from './heap-summary';

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });
const node = (
  f: ReturnType<typeof frame>,
  selfSize: number,
  children: SamplingHeapNode[] = [],
): SamplingHeapNode => ({ callFrame: f, selfSize, children });

describe('heap summary', () => {
  // A handler allocating itself and through kafkajs, whose encoder allocates through Node's Buffer.
  const head = node(frame('(root)', ''), 0, [
    node(frame('report', '/repo/dist/apps/claims-svc/src/claim/report.js', 9), 1_000, [
      node(frame('writeUVarInt', '/repo/node_modules/kafkajs/src/protocol/encoder.js', 365), 3_000, [
        node(frame('from', 'node:buffer', 294), 6_000),
      ]),
    ]),
    node(frame('(V8 API)', ''), 500),
  ]);

  it('charges each allocation to the innermost frame with an owner, and lists the allocating functions', () => {
    const summary = summarizeHeap(head);
    expect(summary.bytes).toBe(10_500);
    expect(summary.owners).toEqual([
      ['node:buffer', 6_000],
      ['kafkajs', 3_000],
      ['apps/claims-svc', 1_000],
      ['(native) (V8 API)', 500],
    ]);
    expect(summary.functions[0]).toEqual([
      'from node:buffer:295 <- writeUVarInt kafkajs/src/protocol/encoder.js:366',
      6_000,
    ]);
  });
});
