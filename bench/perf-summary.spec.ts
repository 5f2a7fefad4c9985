import { chargeOf, ownerOf, parsePerfScript, summarize } from './perf-summary';

// Three samples of pid 100 and one of another process, as `perf script -F pid,tid,time,ip,sym,dso` prints them
// after `perf inject --jit`.
const SCRIPT = [
  '   100/100   2605.100000: ',
  '\t          dc5e21 Builtins_KeyedLoadIC_Megamorphic (/usr/bin/node)',
  '\t             15c JS:*serialize /repo/node_modules/fastify/lib/reply.js:1068:20 (/repo/jitted-100-7.so)',
  '\t             ae2 JS:*get /repo/dist/apps/contract-svc/src/policy/interface/policy.http.controller.js:9:3 (/repo/jitted-100-9.so)',
  '',
  '   100/100   2605.200000: ',
  '\t          111a71 v8::internal::ScavengerCollector::CollectGarbage (/usr/bin/node)',
  '\t             15c JS:*find /repo/dist/libs/platform/database/src/primary-key-reader.js:33:68 (/repo/jitted-100-3.so)',
  '',
  '   100/104   2607.000000: ',
  '\t          e02e17 v8::internal::compiler::PipelineImpl::Run (/usr/bin/node)',
  '',
  '   200/200   2605.100000: ',
  '\t             15c JS:*submit /repo/node_modules/pg/lib/query.js:152:9 (/repo/jitted-200-1.so)',
  '',
].join('\n');

describe('perf summary', () => {
  const samples = parsePerfScript(SCRIPT);

  it('reads each sample with its process, thread, time and frames innermost first', () => {
    expect(samples).toHaveLength(4);
    expect(samples[0]).toEqual({
      pid: 100,
      tid: 100,
      time: 2605.1,
      frames: [
        'Builtins_KeyedLoadIC_Megamorphic',
        'JS:*serialize /repo/node_modules/fastify/lib/reply.js:1068:20',
        'JS:*get /repo/dist/apps/contract-svc/src/policy/interface/policy.http.controller.js:9:3',
      ],
    });
  });

  it('charges a builtin to the package whose code called it, the collector and worker threads apart', () => {
    expect(chargeOf(samples[0])).toBe('fastify');
    expect(chargeOf(samples[1])).toBe('(collector, main thread)');
    expect(chargeOf(samples[2])).toBe('(V8 worker: compiler)');
    expect(ownerOf('JS:*find /repo/dist/libs/platform/database/src/primary-key-reader.js:33:68')).toBe(
      'libs/platform/database',
    );
    expect(ownerOf('JS:*end node:_http_outgoing:1034:45')).toBe('node:_http_outgoing');
    expect(ownerOf('Builtins_LoadIC')).toBeUndefined();
  });

  it("counts one process's samples in a window, by owner and by innermost function", () => {
    expect(summarize(samples, 100)).toEqual({
      samples: 3,
      owners: [
        ['fastify', 1],
        ['(collector, main thread)', 1],
        ['(V8 worker: compiler)', 1],
      ],
      functions: [
        ['Builtins_KeyedLoadIC_Megamorphic', 1],
        ['v8::internal::ScavengerCollector::CollectGarbage', 1],
        ['v8::internal::compiler::PipelineImpl::Run', 1],
      ],
    });
    expect(summarize(samples, 100, { from: 2605, span: 1 }).samples).toBe(2);
    // A JavaScript leaf keeps its function's name, its path shortened.
    expect(summarize(samples, 200).functions).toEqual([['submit pg/lib/query.js:152:9', 1]]);
  });
});
