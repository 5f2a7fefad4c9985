// `node bench/profile-summary.mjs <file.cpuprofile>`: sums self time per function and per package from a .cpuprofile.
import fs from 'node:fs';
const prof = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
let total = 0;
prof.samples.forEach((id, i) => {
  self.set(id, (self.get(id) || 0) + (dt[i] || 0));
  total += dt[i] || 0;
});
const fn = new Map(),
  pkg = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const url = cf.url || '(native)';
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  const p = m
    ? m[1]
    : url.includes('/dist/')
      ? 'app:' + url.split('/dist/')[1].split('/').slice(0, 3).join('/')
      : url.startsWith('node:')
        ? 'node-core'
        : cf.functionName === '(garbage collector)'
          ? 'GC'
          : cf.functionName || '(native)';
  pkg.set(p, (pkg.get(p) || 0) + t);
  const k = `${cf.functionName || '(anon)'} ${url.replace(/.*node_modules\//, '')}:${cf.lineNumber}`;
  fn.set(k, (fn.get(k) || 0) + t);
}
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log('== packages\n' + top(pkg, 25) + '\n== functions\n' + top(fn, 30));
