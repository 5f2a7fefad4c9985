// Preloaded into a service (BENCH_NODE_ARGS='--require ./bench/heap-sample.cjs'): `kill -USR2 <pid>` starts V8's
// sampling heap profiler over every allocation, those the collector has already freed included, and a second
// `kill -USR2` writes what it sampled to $HEAP_SAMPLE_DIR (default: the system's temporary folder) as
// heap-<pid>-<time>.json, for `node dist/bench/heap-summary.js`. A CPU profile shows the collector's time; this
// shows who allocated what it collects. With HEAP_SAMPLE_PROMOTED=1 in the service's environment
// (BENCH_SERVICE_ENV='HEAP_SAMPLE_PROMOTED=1') it leaves out what scavenges freed: what remains is what outlived the
// young generation (promoted to the old one, and then freed by a mark-compact or still live), the allocations behind
// the old generation's growth and so behind the mark-compacts and the concurrent marker's work.
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

let session;
let startedAt = 0;
process.on('SIGUSR2', () => {
  if (!session) {
    session = new Session();
    session.connect();
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: process.env.HEAP_SAMPLE_PROMOTED !== '1',
    });
    startedAt = Date.now();
    return;
  }
  const done = session;
  session = undefined;
  done.post('HeapProfiler.stopSampling', (err, result) => {
    done.disconnect();
    if (err) return void process.stderr.write(`heap-sample: ${err.message}\n`);
    const file = join(process.env.HEAP_SAMPLE_DIR || tmpdir(), `heap-${process.pid}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ ms: Date.now() - startedAt, profile: result.profile }));
    process.stderr.write(`heap-sample: wrote ${file}\n`);
  });
});
