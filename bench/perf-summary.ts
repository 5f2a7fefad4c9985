/**
 * `node dist/bench/perf-summary.js <perf-script.txt> --pid P [--from T --span S] [--requests N] [--hz 999]`: where
 * one process's CPU went, from perf's on-CPU samples (bench/perf-record.sh writes the input). Each sample of the
 * main thread is charged to its owner, the innermost JavaScript frame that names a package, an app or library of
 * this repository, or a Node module: a builtin, a system call or V8's runtime called from fastify's code is
 * fastify's. The collector and V8's worker threads (concurrent marking, the optimising compiler) are their own
 * lines. `--from T --span S` keeps the samples from perf's clock T for S seconds (one workload's window);
 * `--requests N` prints microseconds a request instead of shares.
 *
 * The input must name JavaScript by perf's JIT dump (node --perf-prof, `perf record -k mono`, `perf inject --jit`):
 * with --perf-basic-prof's map file, an address V8 frees and reuses for other code keeps the first function's name,
 * and under load whole packages were charged to the wrong ones.
 */
import { readFileSync } from 'node:fs';

export interface PerfSample {
  readonly pid: number;
  readonly tid: number;
  /** Seconds, on perf's clock. */
  readonly time: number;
  /** Innermost first, each the symbol perf printed without its address and its object file. */
  readonly frames: readonly string[];
}

/** Parses `perf script -F pid,tid,time,ip,sym,dso` (call chains recorded with -g). */
export function parsePerfScript(text: string): PerfSample[] {
  const samples: PerfSample[] = [];
  let current: { pid: number; tid: number; time: number; frames: string[] } | undefined;
  for (const line of text.split('\n')) {
    // A sample's header may be indented (perf right-aligns the pid); its frames start with a tab.
    const header = line.startsWith('\t') ? null : /^\s*(\d+)\/(\d+)\s+([\d.]+):/.exec(line);
    if (header) {
      if (current) samples.push(current);
      current = { pid: Number(header[1]), tid: Number(header[2]), time: Number(header[3]), frames: [] };
      continue;
    }
    const frame = /^\s+[0-9a-f]+\s+(.*?)(?:\s+\([^()]*\))?$/.exec(line);
    if (frame && current) current.frames.push(frame[1]);
  }
  if (current) samples.push(current);
  return samples;
}

const COLLECTOR =
  /ScavengerCollector|MarkCompactCollector|Heap::CollectGarbage|IncrementalMarking|MinorMarkSweep/;
const WORKER_COLLECTOR = /Marking|Scaveng|Sweeper|Evacuat|Heap::|MemoryAllocator/;
const WORKER_COMPILER = /compiler::|OptimizingCompileDispatcher|Compiler::|Maglev/;

/** The package, repository app or library, or Node module a script belongs to (by its URL or path). */
export function ownerOfScript(url: string): string | undefined {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /\/dist\/((?:apps|libs\/platform)\/[^/]+|libs\/[^/]+|bench|tools)\//.exec(url);
  if (own) return own[1];
  return /^(node:[\w/]+)/.exec(url)?.[1];
}

/** A script's path from its package or build folder on (`kafkajs/src/...`, `apps/claims-svc/...`), for reading. */
export const shortPath = (path: string): string => path.replace(/.*\/(node_modules|dist)\//, '');

/** The owner (`ownerOfScript`) of a JavaScript frame as perf names it; undefined for native ones. */
export function ownerOf(frame: string): string | undefined {
  if (!frame.startsWith('JS:')) return undefined;
  const url = /\s(\S+?)(?::\d+)*$/.exec(frame)?.[1];
  return url === undefined ? undefined : ownerOfScript(url);
}

/** What one sample is charged to (see the file's comment). */
export function chargeOf(sample: PerfSample): string {
  const { frames } = sample;
  if (sample.tid !== sample.pid) {
    if (frames.some((f) => WORKER_COMPILER.test(f))) return '(V8 worker: compiler)';
    if (frames.some((f) => WORKER_COLLECTOR.test(f))) return '(V8 worker: collector)';
    return '(other threads)';
  }
  if (frames.some((f) => COLLECTOR.test(f))) return '(collector, main thread)';
  for (const f of frames) {
    const owner = ownerOf(f);
    if (owner) return owner;
  }
  return `(native) ${frames[0] ?? '?'}`;
}

export interface PerfSummary {
  readonly samples: number;
  readonly owners: readonly [string, number][];
  readonly functions: readonly [string, number][];
}

/** The samples of one process in a window, counted by owner and by innermost function, largest first. */
export function summarize(
  samples: readonly PerfSample[],
  pid: number,
  window?: { from: number; span: number },
): PerfSummary {
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  let count = 0;
  for (const s of samples) {
    if (s.pid !== pid) continue;
    if (window && (s.time < window.from || s.time > window.from + window.span)) continue;
    count += 1;
    const owner = chargeOf(s);
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
    // A JavaScript frame keeps its function's name; only its script's path is shortened.
    const leaf = (s.frames[0] ?? '?').replace(/^JS:\S?\s*/, '').replace(/\S+$/, shortPath);
    functions.set(leaf, (functions.get(leaf) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { samples: count, owners: sorted(owners), functions: sorted(functions) };
}

function main(argv: string[]): void {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : undefined;
  };
  const file = argv[0];
  const pid = option('--pid');
  if (!file || pid === undefined) {
    process.stderr.write(
      'usage: perf-summary <perf-script.txt> --pid P [--from T --span S] [--requests N] [--hz 999]\n',
    );
    process.exit(2);
  }
  const from = option('--from');
  const span = option('--span');
  const requests = option('--requests');
  const hz = option('--hz') ?? 999;
  const summary = summarize(
    parsePerfScript(readFileSync(file, 'utf8')),
    pid,
    from !== undefined && span !== undefined ? { from, span } : undefined,
  );
  const show = (n: number) =>
    requests
      ? `${((n * 1e6) / hz / requests).toFixed(1).padStart(7)} us/req`
      : `${((100 * n) / summary.samples).toFixed(1).padStart(5)}%`;
  const top = Number(process.env.TOP ?? 30);
  console.log(
    `${summary.samples} samples, ${(summary.samples / hz).toFixed(2)} s of CPU${requests ? `, ${show(summary.samples).trim()}` : ''}`,
  );
  console.log('== owners (innermost JavaScript frame with a package)');
  for (const [k, n] of summary.owners.slice(0, top)) console.log(`${show(n)}  ${k}`);
  console.log('== functions (self)');
  for (const [k, n] of summary.functions.slice(0, top)) console.log(`${show(n)}  ${k}`);
}

if (require.main === module) main(process.argv.slice(2));
