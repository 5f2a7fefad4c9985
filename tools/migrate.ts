/**
 * `npm run migrate`: applies every service's migrations, one service after another, by running each service's own
 * migration entry point (`dist/apps/<svc>/src/migrate.js`), exactly as the deployment's migration jobs do.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@insurer/platform-testing';
import { SERVICES } from './local-env';

export async function migrateAll(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (const svc of SERVICES) {
    const entry = join(repoRoot(), 'dist', 'apps', svc.name, 'src', 'migrate.js');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [entry], { env, stdio: 'inherit' });
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${svc.name} migrations exited ${code}`)),
      );
    });
  }
}

if (require.main === module) {
  migrateAll().catch((err: unknown) => {
    process.stderr.write(`[migrate] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
