/**
 * `node dist/bench/heap-summary.js <heap-<pid>-<time>.json> [--requests N]`: what a process allocated while
 * bench/heap-sample.cjs sampled it, by owner (the innermost frame whose script belongs to a package, an app or
 * library of this repository, or a Node module, as bench/perf-summary.ts charges CPU) and by allocating function, in
 * shares or, with `--requests`, KB a request. V8 samples one allocation every 4 KB or so, weighted by its size, so
 * small figures are rough; a window of a few thousand requests is enough.
 */
import { readFileSync } from 'node:fs';
import { ownerOfScript, shortPath } from './perf-summary';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

export interface SamplingHeapNode {
  readonly callFrame: CallFrame;
  readonly selfSize: number;
  readonly children: readonly SamplingHeapNode[];
}

export interface HeapSummary {
  readonly bytes: number;
  readonly owners: readonly [string, number][];
  readonly functions: readonly [string, number][];
}

const place = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${shortPath(f.url)}:${f.lineNumber + 1}`;

/** The bytes a sampling heap profile holds, by owner and by allocating function (with its caller), largest first. */
export function summarizeHeap(head: SamplingHeapNode): HeapSummary {
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let bytes = 0;
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const walk = (node: SamplingHeapNode, stack: CallFrame[]) => {
    stack.push(node.callFrame);
    if (node.selfSize > 0) {
      bytes += node.selfSize;
      let owner: string | undefined;
      for (let i = stack.length - 1; i >= 0 && owner === undefined; i -= 1)
        owner = ownerOfScript(stack[i].url);
      add(owners, owner ?? `(native) ${node.callFrame.functionName || '(root)'}`, node.selfSize);
      const caller = stack.length > 1 ? ` <- ${place(stack[stack.length - 2])}` : '';
      add(functions, place(node.callFrame) + caller, node.selfSize);
    }
    for (const child of node.children) walk(child, stack);
    stack.pop();
  };
  walk(head, []);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { bytes, owners: sorted(owners), functions: sorted(functions) };
}

function main(argv: string[]): void {
  const file = argv[0];
  if (!file) {
    process.stderr.write('usage: heap-summary <heap-<pid>-<time>.json> [--requests N]\n');
    process.exit(2);
  }
  const i = argv.indexOf('--requests');
  const requests = i >= 0 ? Number(argv[i + 1]) : undefined;
  const { ms, profile } = JSON.parse(readFileSync(file, 'utf8')) as {
    ms: number;
    profile: { head: SamplingHeapNode };
  };
  const summary = summarizeHeap(profile.head);
  const show = (n: number) =>
    requests
      ? `${(n / 1024 / requests).toFixed(2).padStart(7)} KB/req`
      : `${((100 * n) / summary.bytes).toFixed(1).padStart(5)}%`;
  const top = Number(process.env.TOP ?? 30);
  console.log(
    `${(summary.bytes / 1e6).toFixed(1)} MB allocated in ${ms} ms${requests ? `, ${show(summary.bytes).trim()}` : ''}`,
  );
  console.log('== owners (innermost frame with a package)');
  for (const [k, n] of summary.owners.slice(0, top)) console.log(`${show(n)}  ${k}`);
  console.log('== allocating functions (and their callers)');
  for (const [k, n] of summary.functions.slice(0, top)) console.log(`${show(n)}  ${k}`);
}

if (require.main === module) main(process.argv.slice(2));
