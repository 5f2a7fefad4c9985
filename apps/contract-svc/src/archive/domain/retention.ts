import { addYears, type CalendarDate } from '@insurer/platform-time';

/** Insurance Law Art. 87: keep records 5 years after the end of cover up to a year, 10 years after longer cover. */
export function retainRecordsUntil(contractEndsOn: CalendarDate, coverageTermYears: number): CalendarDate {
  return addYears(contractEndsOn, coverageTermYears <= 1 ? 5 : 10);
}
