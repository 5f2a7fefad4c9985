import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

export function postgresRssMb(): number {
  try {
    const out = execFileSync('ps', ['-C', 'postgres', '-o', 'rss='], { encoding: 'utf8' });
    return Math.round(
      out
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
  const sample = (key: 'atRestMb' | 'underLoadMb') => {
    NAMES.forEach((name, i) => keep(name, key, rssMb(processes[i].pid)));
    keep('kafka', key, rssMb(brokerPid()));
    keep('postgres', key, postgresRssMb());
  };
  return { memory, sample };
}
