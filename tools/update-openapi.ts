// `npm run openapi:update`: starts each service as its own process against the test infrastructure and writes
// docs/openapi/<service>.json from what it serves. The boot test only compares; it never writes what it checks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@insurer/platform-scenarios';
import { ServiceProcess, repoRoot, testEnvironment } from '@insurer/platform-testing';

async function main(): Promise<void> {
  const env = testEnvironment().serviceEnv;
  const processes = SERVICE_NAMES.map((name, i) => new ServiceProcess(name, 13_101 + i, env));
  try {
    processes.forEach((p) => p.start());
    await Promise.all(processes.map((p) => p.waitUntilReady()));
    for (const p of processes) {
      const served = await (await fetch(`${p.url}/docs/openapi.json`)).json();
      const file = join(repoRoot(), 'docs', 'openapi', `${p.name}.json`);
      writeFileSync(file, `${JSON.stringify(served, null, 2)}\n`);
      console.log(`wrote ${file}`);
    }
  } finally {
    await Promise.all(processes.map((p) => p.stop().catch(() => undefined)));
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
