import {
  addDays,
  addMonths,
  completedYears,
  daysBetween,
  endOfShanghaiDay,
  isCalendarDate,
  isPastPeriod,
  periodEnd,
  shanghaiDate,
} from './china-calendar';
import { ManualClock } from './clock';

describe('China Standard Time calendar', () => {
  it('dates an instant in Asia/Shanghai, not UTC', () => {
    // 16:30 UTC is already 00:30 the next day in Shanghai.
    expect(shanghaiDate(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
  });

  it('starts a period the day after the event and ends it at 24:00 local time of the last day', () => {
    const received = new Date('2026-03-01T02:00:00Z'); // 10:00 Shanghai, 1 March
    expect(periodEnd(received, 15)).toBe('2026-03-16');
    expect(endOfShanghaiDay('2026-03-16').toISOString()).toBe('2026-03-16T16:00:00.000Z');
    expect(isPastPeriod('2026-03-16', new Date('2026-03-16T15:59:59.999Z'))).toBe(false);
    expect(isPastPeriod('2026-03-16', new Date('2026-03-16T16:00:00.000Z'))).toBe(true);
  });

  it('adds days and months across month and leap-year ends', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
  });

  it('counts completed years of age (周岁): the birthday must have been reached', () => {
    expect(completedYears('1986-07-15', '2026-07-14')).toBe(39);
    expect(completedYears('1986-07-15', '2026-07-15')).toBe(40);
    expect(completedYears('2000-02-29', '2026-02-28')).toBe(25);
    expect(completedYears('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('recognises real calendar dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('20260101')).toBe(false);
  });

  it('moves a manual clock only when told', () => {
    const clock = new ManualClock('2026-03-01T00:00:00Z');
    clock.advanceDays(16);
    expect(clock.now().toISOString()).toBe('2026-03-17T00:00:00.000Z');
  });
});
