/**
 * `npm start`: brings the infrastructure up, migrates every schema, starts the six services as separate processes,
 * waits until each reports ready, prints where they are, and on Ctrl-C (or SIGTERM) stops them and the broker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, waitFor } from '@insurer/platform-testing';
import { LOCAL_JWT_SECRET, SERVICES } from './local-env';

const root = repoRoot();
const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: 'inherit' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}

function readEnvFile(path: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

async function main(): Promise<void> {
  const externalKafka = Boolean(process.env.KAFKA_BROKERS);
  await run([join(root, 'dist/tools/infra.js'), 'up'], process.env);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...readEnvFile(join(root, '.cache', 'dev.env')),
    JWT_SECRET: process.env.JWT_SECRET ?? LOCAL_JWT_SECRET,
  };
  for (const svc of SERVICES) await run([join(root, 'dist/apps', svc.name, 'src/migrate.js')], env);

  const logs = join(root, '.cache', 'logs');
  mkdirSync(logs, { recursive: true });
  const children = new Map<string, ChildProcess>();
  for (const svc of SERVICES) {
    const out = createWriteStream(join(logs, `${svc.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(root, 'dist/apps', svc.name, 'src/main.js')], {
      env: { ...env, PORT: String(svc.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[${svc.name}] ${chunk}`));
    child.once('exit', (code, signal) => {
      children.delete(svc.name);
      if (!stopping) say(`${svc.name} exited (${signal ?? code}); see .cache/logs/${svc.name}.log`);
    });
    children.set(svc.name, child);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping the services`);
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.kill('SIGTERM'))),
      ),
    );
    if (!externalKafka)
      await run([join(root, 'dist/tools/infra.js'), 'down'], { ...process.env, KAFKA_BROKERS: '' });
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  await Promise.all(
    SERVICES.map((svc) =>
      waitFor(
        async () => {
          if (!children.has(svc.name)) throw new Error(`${svc.name} exited; see .cache/logs/${svc.name}.log`);
          return (await fetch(`http://127.0.0.1:${svc.port}/ready`).catch(() => undefined))?.status === 200;
        },
        { timeoutMs: 90_000, intervalMs: 250, description: `${svc.name} to be ready` },
      ),
    ),
  );

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
