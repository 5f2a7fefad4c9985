// Prints the mutation score of each service's domain code from Stryker's JSON report (npm run mutation), the way
// Stryker counts it: killed and timed-out mutants over all valid ones (no coverage counts as survived).
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = JSON.parse(readFileSync(join(root, 'reports/mutation/mutation.json'), 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

const byService = new Map();
const survivors = [];
for (const [path, file] of Object.entries(report.files)) {
  const service = /apps\/([^/]+)\//.exec(path)?.[1] ?? 'other';
  const tally = byService.get(service) ?? { detected: 0, undetected: 0 };
  for (const mutant of file.mutants) {
    if (DETECTED.has(mutant.status)) tally.detected += 1;
    else if (UNDETECTED.has(mutant.status)) {
      tally.undetected += 1;
      survivors.push(
        `${path}:${mutant.location.start.line} ${mutant.mutatorName} ${mutant.replacement ?? ''}`,
      );
    }
  }
  byService.set(service, tally);
}

const rows = [...byService.entries()].sort(([a], [b]) => a.localeCompare(b));
console.log('| service | mutants | detected | survived | score |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let all = { detected: 0, undetected: 0 };
for (const [service, t] of rows) {
  const total = t.detected + t.undetected;
  console.log(
    `| ${service} | ${total} | ${t.detected} | ${t.undetected} | ${((100 * t.detected) / total).toFixed(1)}% |`,
  );
  all = { detected: all.detected + t.detected, undetected: all.undetected + t.undetected };
}
const total = all.detected + all.undetected;
console.log(
  `| all | ${total} | ${all.detected} | ${all.undetected} | ${((100 * all.detected) / total).toFixed(1)}% |`,
);
if (process.argv.includes('--survivors')) for (const line of survivors) console.log(line);
