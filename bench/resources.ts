import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ServiceProcess } from '@insurer/platform-testing';
import { brokerLayout, runningPid } from '../tools/kafka/broker';
import { NAMES, root } from './settings';

export function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

/** CPU seconds a process has used (user + system), and those of its waited-for children (the postmaster's backends). */
export function cpuSeconds(pid: number | undefined, children = false): number {
  if (!pid) return 0;
  try {
    // Fields after the command name (which may hold spaces): state is field 3; utime 14, stime 15, cutime 16, cstime 17.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = (n: number) => Number(fields[n - 3]);
    return (ticks(14) + ticks(15) + (children ? ticks(16) + ticks(17) : 0)) / 100;
  } catch {
    return 0;
  }
}

const execFileAsync = promisify(execFile);

/**
 * All postgres processes' resident memory, summed. `ps` runs asynchronously: spawned synchronously from the load
 * driver once a second, it froze every client for 70 ms on average (200 ms at worst) on the loaded two cores.
 */
export async function postgresRssMb(): Promise<number> {
  try {
    const { stdout } = await execFileAsync('ps', ['-C', 'postgres', '-o', 'rss='], { encoding: 'utf8' });
    return Math.round(
      stdout
        .split('\n')
        .filter(Boolean)
        .reduce((s, l) => s + Number(l.trim()), 0) / 1024,
    );
  } catch {
    return 0;
  }
}

/** The test broker's process, as tools/kafka/broker.ts started it for the bench. */
export function brokerPid(): number | undefined {
  return runningPid(
    brokerLayout(root, {
      ...process.env,
      KAFKA_HOME_DIR: join(root, '.cache', 'kafka-test'),
      KAFKA_PORT: '19092',
    }),
  );
}

export type MemoryFigures = Record<string, { atRestMb: number; underLoadMb: number }>;

/** The largest resident memory seen per service, the broker and Postgres, at rest and under load. */
export function memorySampler(processes: readonly ServiceProcess[]) {
  const memory: MemoryFigures = {};
  const keep = (name: string, key: 'atRestMb' | 'underLoadMb', mb: number) => {
    memory[name] = {
      ...(memory[name] ?? { atRestMb: 0, underLoadMb: 0 }),
      [key]: Math.max(memory[name]?.[key] ?? 0, mb),
    };
  };
  // At most one `ps` at a time: a sample taken while the last one still runs reads /proc only.
  let postgres: Promise<void> | undefined;
  const sample = (key: 'atRestMb' | 'underLoadMb'): Promise<void> => {
    NAMES.forEach((name, i) => keep(name, key, rssMb(processes[i].pid)));
    keep('kafka', key, rssMb(brokerPid()));
    postgres ??= postgresRssMb()
      .then((mb) => keep('postgres', key, mb))
      .finally(() => (postgres = undefined));
    return postgres;
  };
  return { memory, sample };
}
