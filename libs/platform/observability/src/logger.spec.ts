import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from '@swc/core';

const root = join(__dirname, '..', '..', '..', '..');

/**
 * Runs the logger in a process of its own that logs and then is killed at once (SIGKILL: no exit handler runs), and
 * returns what reached its stdout.
 */
function logThenKill(lines: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'logger-spec-'));
  try {
    const { code } = transformSync(readFileSync(join(__dirname, 'logger.ts'), 'utf8'), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      swcrc: false,
    });
    writeFileSync(join(dir, 'logger.js'), code);
    writeFileSync(
      join(dir, 'main.js'),
      `const logger = require('./logger.js').createLogger('spec-svc', 'info');
       for (let i = 0; i < ${lines}; i++) logger.info({ correlationId: 'c-' + i, customer: { idNumber: '110101199003074514' } }, 'request completed');
       process.kill(process.pid, 'SIGKILL');`,
    );
    const run = spawnSync(process.execPath, [join(dir, 'main.js')], {
      env: { PATH: process.env.PATH, NODE_PATH: join(root, 'node_modules') },
      encoding: 'utf8',
    });
    expect(run.signal).toBe('SIGKILL');
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('createLogger', () => {
  it('has every line on stdout when the call returns, so a process killed right after loses none', () => {
    const out = logThenKill(300)
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(300);
    expect(out[299]).toMatchObject({
      level: 'info',
      service: 'spec-svc',
      correlationId: 'c-299',
      customer: { idNumber: '[redacted]' },
      msg: 'request completed',
    });
  });
});
