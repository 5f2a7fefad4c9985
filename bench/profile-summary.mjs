// `node bench/profile-summary.mjs <file.cpuprofile> [--last S] [--span S]`: self time per package and per function, and
// inclusive time per function, from a V8 CPU profile. `--last 30 --span 20` keeps only the samples from 30 s before
// the profile's end to 20 s after that, so one workload's window can be read apart from start-up and the others.
// Inclusive time counts a function once per sample wherever it stands on the stack; time spent after an `await`
// is charged to the microtask that resumed it, not to the caller.
import fs from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : undefined;
};
const prof = JSON.parse(fs.readFileSync(args[0], 'utf8'));
const last = option('--last');
const from = last === undefined ? prof.startTime : prof.endTime - last * 1e6;
const to = option('--span') === undefined ? prof.endTime : from + option('--span') * 1e6;

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const place = (n) =>
  `${n.callFrame.functionName || '(anon)'} ${(n.callFrame.url || '(native)').replace(/.*node_modules\//, '').replace(/.*\/dist\//, '')}:${n.callFrame.lineNumber}`;
const packageOf = (n) => {
  const url = n.callFrame.url || '';
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/dist/')) return 'app:' + url.split('/dist/')[1].split('/').slice(0, 3).join('/');
  if (url.startsWith('node:')) return 'node-core';
  return n.callFrame.functionName === '(garbage collector)' ? 'GC' : n.callFrame.functionName || '(native)';
};

const self = new Map();
const pkg = new Map();
const inclusive = new Map();
let total = 0;
let at = prof.startTime;
prof.samples.forEach((id, i) => {
  const dt = prof.timeDeltas[i] || 0;
  at += dt;
  if (at < from || at > to) return;
  total += dt;
  const n = byId.get(id);
  self.set(place(n), (self.get(place(n)) || 0) + dt);
  pkg.set(packageOf(n), (pkg.get(packageOf(n)) || 0) + dt);
  if (n.callFrame.functionName === '(idle)') return;
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const k = place(byId.get(x));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) || 0) + dt);
  }
});
const top = (m, n) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(`${(total / 1e6).toFixed(1)} s of samples`);
console.log('== packages (self)\n' + top(pkg, 25));
console.log('== functions (self)\n' + top(self, 30));
console.log('== functions (inclusive)\n' + top(inclusive, Number(process.env.TOP ?? 40)));
