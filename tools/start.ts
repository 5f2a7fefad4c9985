/**
 * `npm start`: brings the infrastructure up, migrates every schema, starts the six services as separate processes
 * (restarting one that exits, with a backoff), waits until each reports ready, prints where they are, and on Ctrl-C (or
 * SIGTERM) stops them and the broker.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, waitFor } from '@insurer/platform-testing';
import { down, settingsFromEnv, up } from './infra';
import { SERVICES, withLocalSecrets } from './local-env';
import { migrateAll } from './migrate';
import { Supervisor } from './supervisor';
import { seedSales } from '@insurer/platform-scenarios';
import { signLocalToken } from '@insurer/platform-auth';
import { SERVICE_RUNTIME_ENV } from '@insurer/platform-config';

const root = repoRoot();
const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const { databaseUrl, kafkaBrokers } = await up(settings);
  const env = withLocalSecrets({ ...process.env, DATABASE_URL: databaseUrl, KAFKA_BROKERS: kafkaBrokers });
  await migrateAll(env);

  const logs = join(root, '.cache', 'logs');
  mkdirSync(logs, { recursive: true });
  // Each service is supervised as an orchestrator would: one that exits on its own is restarted with a backoff.
  const children = new Map<string, Supervisor>();
  for (const svc of SERVICES) {
    const out = createWriteStream(join(logs, `${svc.name}.log`), { flags: 'a' });
    const supervisor = new Supervisor({
      name: svc.name,
      say: (line) => say(`${line}; see .cache/logs/${svc.name}.log`),
      spawn: () => {
        const child = spawn(process.execPath, [join(root, 'dist/apps', svc.name, 'src/main.js')], {
          env: { ...env, ...SERVICE_RUNTIME_ENV, PORT: String(svc.port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout?.pipe(out, { end: false });
        child.stderr?.pipe(out, { end: false });
        child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${svc.name}] ${chunk}`));
        return child;
      },
    });
    children.set(svc.name, supervisor.start());
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the services`);
    await Promise.all([...children.values()].map((supervisor) => supervisor.stop('SIGTERM')));
    // Stops the managed broker only; an external KAFKA_BROKERS is left alone.
    await down(settings);
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await Promise.all(
    SERVICES.map((svc) =>
      waitFor(
        async () => {
          return (await fetch(`http://127.0.0.1:${svc.port}/ready`).catch(() => undefined))?.status === 200;
        },
        { timeoutMs: 90_000, intervalMs: 250, description: `${svc.name} to be ready` },
      ),
    ),
  );

  const sales = SERVICES.find((s) => s.name === 'sales-svc');
  if (sales) {
    const admin = signLocalToken({ sub: 'seed', roles: ['admin'], secret: env.JWT_SECRET ?? '' });
    await seedSales(`http://127.0.0.1:${sales.port}`, admin, (line) => say(`seed: ${line}`));
  }

  say('the platform is up:');
  for (const svc of SERVICES) {
    say(
      `  ${svc.name.padEnd(15)} http://127.0.0.1:${svc.port}   (OpenAPI: http://127.0.0.1:${svc.port}/docs)`,
    );
  }
  say(`Kafka: ${env.KAFKA_BROKERS}   Postgres: ${env.DATABASE_URL}   logs: .cache/logs/`);
  say('a token for a role: npm run token -- --role underwriter --sub u-1');
  say('press Ctrl-C to stop everything');
}

main().catch((err: unknown) => {
  process.stderr.write(`[start] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
