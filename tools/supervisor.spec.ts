import { spawn } from 'node:child_process';
import { waitFor } from '@insurer/platform-testing';
import { Supervisor, restartBackoff } from './supervisor';

describe('restartBackoff', () => {
  it('doubles from the initial wait up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartBackoff(n, 1_000, 30_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe('Supervisor', () => {
  it('restarts a child that exits on its own, says so, and stops for good when asked', async () => {
    const lines: string[] = [];
    let spawned = 0;
    const supervisor = new Supervisor({
      name: 'flaky',
      say: (line) => lines.push(line),
      initialBackoffMs: 10,
      spawn: () => {
        spawned += 1;
        // The first two runs exit at once with code 3; the third keeps running.
        const script = spawned < 3 ? 'process.exit(3)' : 'setInterval(() => {}, 1000)';
        return spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
      },
    }).start();
    await waitFor(() => spawned === 3 && supervisor.running, { description: 'the third run' });
    expect(lines).toEqual([
      expect.stringMatching(/^flaky exited \(code 3\) after 0 s; restarting in 10 ms$/),
      'flaky restarted (restart 1)',
      expect.stringMatching(/^flaky exited \(code 3\) after 0 s; restarting in 20 ms$/),
      'flaky restarted (restart 2)',
    ]);
    await supervisor.stop();
    expect(supervisor.running).toBe(false);
    expect(spawned).toBe(3);
  });
});
