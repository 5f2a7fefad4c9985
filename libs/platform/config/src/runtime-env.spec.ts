import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SERVICE_RUNTIME_ENV, SERVICE_V8_FLAGS } from './runtime-env';

describe('SERVICE_RUNTIME_ENV', () => {
  it('is what the image runs with (Docker Compose and the Kubernetes manifests use that image)', () => {
    const dockerfile = readFileSync(join(__dirname, '../../../../Dockerfile'), 'utf8');
    const env = /^ENV NODE_OPTIONS="([^"]+)" MALLOC_ARENA_MAX=(\S+)$/m.exec(dockerfile);
    expect(env?.[1]).toBe(SERVICE_RUNTIME_ENV.NODE_OPTIONS);
    expect(env?.[2]).toBe(SERVICE_RUNTIME_ENV.MALLOC_ARENA_MAX);
  });

  it("keeps a consumer's run of events young: it dies before it is promoted and marked", async () => {
    const run = { held: 0, kept: 4, rounds: 2000 };
    const young = await markCompactsUnderLoad({ shape: run, typescript: false });
    const small = await markCompactsUnderLoad({
      commandLine: ['--max-semi-space-size=2'],
      shape: run,
      typescript: false,
    });
    expect(small).toBeGreaterThan(20);
    expect(young).toBeLessThan(small / 10);
  }, 30_000);

  it('caps the old generation below the 256 MiB the manifests allow each container', () => {
    const cap = Number(/--max-old-space-size=(\d+)/.exec(SERVICE_RUNTIME_ENV.NODE_OPTIONS)?.[1]);
    const limits = ['customer', 'sales', 'contract', 'claims', 'compliance', 'analytics'].map((name) => {
      const manifest = readFileSync(join(__dirname, `../../../../deploy/k8s/${name}-svc.yaml`), 'utf8');
      return [...manifest.matchAll(/limits: \{ memory: (\d+)Mi \}/g)].map((m) => Number(m[1]));
    });
    // Every manifest states a limit (a manifest without one would leave nothing to compare).
    expect(limits.map((l) => l.length > 0)).toEqual([true, true, true, true, true, true]);
    expect(cap).toBeGreaterThan(0);
    expect(limits.flat().filter((limit) => cap >= limit * 0.75)).toEqual([]);
  });
});

/** How a promoting load runs: objects held for the whole run, the batches kept live, and how many batches in all. */
interface LoadShape {
  readonly held: number;
  readonly kept: number;
  readonly rounds: number;
}

/**
 * A service's heap under load: `held` long-lived objects (150,000 are some 40 MB, a service's live heap) while
 * batches of short-lived objects (some 250 KB each, the last `kept` of them live) outlive a few scavenges each, as a
 * consumer's fetched batches do. 30 batches (some 7.5 MB) outlive a 2 MB young generation and may outlive an 8 MB
 * one; 4 (about 1 MB, a fetched run across its transaction) outlive only the small one. It prints its mark-compacts.
 */
const promotingLoad = ({ held, kept, rounds }: LoadShape) => `
const { PerformanceObserver, constants } = require('node:perf_hooks');
let majors = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors += 1;
}).observe({ entryTypes: ['gc'] });
const live = Array.from({ length: ${held} }, (_, i) => ({ text: 'x'.repeat(200) + i, pair: [i, i + 1] }));
const recent = [];
(async () => {
  for (let round = 0; round < ${rounds}; round += 1) {
    recent.push(Array.from({ length: 1000 }, (_, i) => ({ text: JSON.stringify({ i, round, pad: 'y'.repeat(100) }) })));
    if (recent.length > ${kept}) recent.shift();
    await new Promise((resolve) => setImmediate(resolve));
  }
  setImmediate(() => process.stdout.write(String(majors) + ' ' + live.length));
})();`;

interface LoadRun {
  /** Apply SERVICE_V8_FLAGS first, as a service does (through ts-node). */
  readonly applyFlags?: boolean;
  /** Node flags after the services' NODE_OPTIONS, which they override. */
  readonly commandLine?: readonly string[];
  readonly shape?: LoadShape;
  /**
   * Load ts-node even without `applyFlags` (the default), so a run compares with one that applies them: TypeScript's
   * compiler in the heap makes V8 mark more often.
   */
  readonly typescript?: boolean;
}

/** Runs a promoting load under the services' NODE_OPTIONS and answers its mark-compacts. */
async function markCompactsUnderLoad({
  applyFlags = false,
  commandLine = [],
  shape = { held: 150_000, kept: 30, rounds: 1000 },
  typescript = true,
}: LoadRun = {}): Promise<number> {
  const setup = applyFlags
    ? `require(${JSON.stringify(join(__dirname, 'runtime-env.ts'))}).applyServiceV8Flags();`
    : '';
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      ...SERVICE_RUNTIME_ENV.NODE_OPTIONS.split(' '),
      ...commandLine,
      ...(typescript || applyFlags ? ['-r', require.resolve('ts-node/register/transpile-only')] : []),
      '-e',
      setup + promotingLoad(shape),
    ],
    { env: { PATH: process.env.PATH } },
  );
  return Number(stdout.split(' ')[0]);
}

/** A young generation the default load's batches outlive: those tests measure the old generation's growth. */
const PROMOTING = ['--max-semi-space-size=2'];

describe('applyServiceV8Flags', () => {
  it('sets flags Node would refuse in NODE_OPTIONS (so they cannot go there)', async () => {
    await expect(
      promisify(execFile)(process.execPath, ['-e', '0'], {
        env: { PATH: process.env.PATH, NODE_OPTIONS: SERVICE_V8_FLAGS.join(' ') },
      }),
    ).rejects.toThrow(/not allowed in NODE_OPTIONS/);
  });

  it("lets the old generation grow further between mark-compacts under the services' caps", async () => {
    const before = await markCompactsUnderLoad({ commandLine: PROMOTING });
    const after = await markCompactsUnderLoad({ applyFlags: true, commandLine: PROMOTING });
    expect(before).toBeGreaterThan(5);
    expect(after).toBeLessThan(before * 0.8);
  }, 30_000);

  it('leaves a flag the process was started with as given', async () => {
    const before = await markCompactsUnderLoad({ commandLine: PROMOTING });
    // 0 is V8's own default (the factor it works out itself), so the run must collect as often as one without it.
    const given = await markCompactsUnderLoad({
      applyFlags: true,
      commandLine: [...PROMOTING, '--heap_growing_percent=0'],
    });
    expect(given).toBeGreaterThanOrEqual(before * 0.8);
  }, 30_000);
});
