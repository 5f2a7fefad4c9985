import { ManualClock, shanghaiDate } from '@insurer/platform-time';
import { isBreached, lateExposureFen, timerDueOn, warnFrom } from './statutory-timers';

describe('statutory claim timers', () => {
  it('counts calendar days, weekends included', () => {
    // Friday 6 March 2026 + 3 days = Monday 9 March.
    expect(timerDueOn('rejection_notice', '2026-03-06')).toBe('2026-03-09');
    expect(timerDueOn('decision', '2026-01-31')).toBe('2026-03-02');
    expect(timerDueOn('payment', '2028-02-25')).toBe('2028-03-06');
    expect(timerDueOn('advance_payment', '2026-01-01')).toBe('2026-03-02');
  });

  it('warns ahead and breaches only after the last day, as the clock moves', () => {
    const due = timerDueOn('decision', '2026-03-01');
    expect(warnFrom('decision', due)).toBe('2026-03-26');
    const clock = new ManualClock('2026-03-31T15:59:00Z'); // 23:59 on the due date in Shanghai
    expect(isBreached(due, shanghaiDate(clock.now()))).toBe(false);
    clock.advanceDays(1 / 1440);
    expect(isBreached(due, shanghaiDate(clock.now()))).toBe(true);
  });

  it('accrues late-payment exposure per day past the deadline', () => {
    // 100,000 yuan at 3.65% a year is 10 yuan a day.
    expect(lateExposureFen(10_000_000, '2026-03-10', '2026-03-10', 365)).toBe(0);
    expect(lateExposureFen(10_000_000, '2026-03-10', '2026-03-13', 365)).toBe(3_000);
  });
});
