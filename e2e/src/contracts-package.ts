import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What a consuming team does with @insurer/contracts: install the packed tarball into a project of their own, outside
 * the workspace (plain TypeScript, no Nest, none of the workspace's path aliases), type-check code that switches on
 * the typed events, and run it over events recorded from Kafka. Returns what that code printed.
 */
export function consumeWithPackedContracts(root: string, recorded: readonly unknown[]): ConsumerSummary {
  const work = mkdtempSync(join(tmpdir(), 'contracts-consumer-'));
  const tsc = join(root, 'node_modules', '.bin', 'tsc');
  try {
    const pkg = join(work, 'package');
    mkdirSync(pkg);
    execFileSync(tsc, ['-p', join(root, 'libs/contracts/tsconfig.lib.json'), '--outDir', join(pkg, 'dist')], {
      stdio: 'pipe',
    });
    for (const file of ['package.json', 'CHANGELOG.md'])
      copyFileSync(join(root, 'libs/contracts', file), join(pkg, file));
    execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: pkg, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack made no tarball');

    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    execFileSync(
      'npm',
      [
        'install',
        join(work, tarball),
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--ignore-scripts',
        '--silent',
      ],
      { cwd: consumer, stdio: 'pipe' },
    );
    // As text parsed at run time, as they come off Kafka: an array literal of thousands of events (a broker reused
    // after other runs) is a type tsc gives up on (TS2590).
    writeFileSync(
      join(consumer, 'events.ts'),
      `export const recorded: unknown[] = JSON.parse(${JSON.stringify(JSON.stringify(recorded))});\n`,
    );
    writeFileSync(join(consumer, 'consume.ts'), CONSUMER);
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          // tsc --init's settings, except skipLibCheck: the package's own declarations are checked too.
          strict: true,
          esModuleInterop: true,
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node10',
          lib: ['ES2022', 'DOM'],
          outDir: 'out',
        },
        files: ['consume.ts'],
      }),
    );
    execFileSync(tsc, ['-p', consumer], { stdio: 'pipe' });
    const printed = execFileSync(process.execPath, [join(consumer, 'out', 'consume.js')], {
      encoding: 'utf8',
    });
    return { tarball, ...(JSON.parse(printed) as Omit<ConsumerSummary, 'tarball'>) };
  } catch (error) {
    const e = error as { stdout?: Buffer | string; stderr?: Buffer | string };
    throw new Error(`the consuming project failed: ${String(e.stdout ?? '')}${String(e.stderr ?? '')}`, {
      cause: error,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface ConsumerSummary {
  readonly tarball: string;
  readonly parsed: number;
  readonly rejected: string[];
  readonly applicationInsured: string[];
  readonly approvedFen: number;
}

// The consuming team's code: typed by the package alone. The @ts-expect-error lines fail the compile if the payload
// types were `any` (then the errors they expect would not occur).
const CONSUMER = `
import { parseEvent, type DomainEvent } from '@insurer/contracts';
import { recorded } from './events';

const summary = { parsed: 0, rejected: [] as string[], applicationInsured: [] as string[], approvedFen: 0 };
for (const raw of recorded) {
  const result = parseEvent(raw);
  if (!result.ok) {
    summary.rejected.push(result.reasons.map((r) => r.message).join('; '));
    continue;
  }
  summary.parsed += 1;
  const event: DomainEvent = result.value;
  switch (event.type) {
    case 'sales.application-submitted': {
      const insured: string = event.payload.insuredId;
      summary.applicationInsured.push(insured);
      // @ts-expect-error the payload has no such field
      void event.payload.noSuchField;
      break;
    }
    case 'claims.claim-approved': {
      const fen: number = event.payload.approvedFen;
      // @ts-expect-error approvedFen is a number, not a string
      const wrong: string = event.payload.approvedFen;
      void wrong;
      summary.approvedFen += fen;
      break;
    }
  }
}
console.log(JSON.stringify(summary));
`;
