import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SERVICE_RUNTIME_ENV } from '@insurer/platform-config';
import { OutputLog } from './output-log';
import { repoRoot } from './repo-root';
import { waitFor } from './wait-for';

export interface ExitResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/**
 * A service started the way it is deployed: its built `main.js` in a separate Node process, configured only through
 * environment variables. `npm test` builds dist/ before the integration tests.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private readonly output = new OutputLog();
  private exited: Promise<ExitResult> | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    /** Flags for Node itself (`--cpu-prof`, which NODE_OPTIONS refuses). */
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output.text;
  }

  /** How much the process has written so far (characters of stdout and stderr): a mark for `logSince`. */
  get logLength(): number {
    return this.output.length;
  }

  /** What the process wrote from a mark (`logLength`) on, without building the whole log. */
  logSince(mark: number): string {
    return this.output.since(mark);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): this {
    const main = join(repoRoot(), 'dist', 'apps', this.name, 'src', 'main.js');
    const child = spawn(process.execPath, [...this.nodeArgs, main], {
      env: {
        PATH: process.env.PATH,
        PORT: String(this.port),
        LOG_LEVEL: 'info',
        ...SERVICE_RUNTIME_ENV,
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => this.output.append(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.append(chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal, output: this.output.text })),
    );
    this.child = child;
    return this;
  }

  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    let finished = false;
    // A process that exits while starting fails the wait at once rather than at the timeout.
    const exited = (this.exited ?? new Promise<never>(() => undefined)).then((result) => {
      finished = true;
      throw new Error(`${this.name} exited (code ${result.code}) before it was ready:\n${this.output.text}`);
    });
    exited.catch(() => undefined); // handled by the race below; later exits (a normal stop) are not an error here
    await Promise.race([
      exited,
      waitFor(
        async () => {
          if (finished) return true;
          const res = await fetch(`${this.url}/ready`).catch(() => undefined);
          return res?.status === 200;
        },
        { timeoutMs, intervalMs: 200, description: `${this.name} to report ready` },
      ),
    ]);
  }

  /** Resolves when the process has exited on its own. */
  waitForExit(): Promise<ExitResult> {
    if (!this.exited) throw new Error('not started');
    return this.exited;
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitResult> {
    if (!this.child || !this.exited) throw new Error('not started');
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
