/**
 * Legal periods in Chinese law count calendar days in China Standard Time and end at 24:00 local time of their last
 * day (Civil Code Arts. 201-203: the day of the event itself is not counted). China has kept a fixed UTC+8 offset with
 * no daylight saving since 1991, so a constant offset is exact for every date this platform handles.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD`. */
export type CalendarDate = string;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): CalendarDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function parts(date: CalendarDate): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a calendar date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** True when the string is a real Gregorian date (2023-02-29 is not). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function fromUtc(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parts(date);
  return fromUtc(Date.UTC(y, m - 1, d) + days * DAY_MS);
}

/** Adds calendar months; a day that does not exist in the target month falls back to its last day (Jan 31 + 1 = Feb 28). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtc(target.getTime());
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  return addMonths(date, years * 12);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/**
 * The last day of a period of `days` days that starts running the day after `startEvent` happened (Shanghai time),
 * e.g. a 15-day complaint answer period for a complaint received on 2026-03-01 ends on 2026-03-16.
 */
export function periodEnd(startEvent: Date, days: number): CalendarDate {
  return addDays(shanghaiDate(startEvent), days);
}

/** The instant a period ending on `lastDay` expires: 24:00 Asia/Shanghai of that day. */
export function endOfShanghaiDay(lastDay: CalendarDate): Date {
  const [y, m, d] = parts(lastDay);
  return new Date(Date.UTC(y, m - 1, d + 1) - OFFSET_MS);
}

/** True once `now` is past 24:00 Shanghai time of `lastDay`. */
export function isPastPeriod(lastDay: CalendarDate, now: Date): boolean {
  return now.getTime() >= endOfShanghaiDay(lastDay).getTime();
}

/** Completed years of age (周岁) on a date: the birthday must have been reached. */
export function completedYears(birthDate: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}
