import { addDays, shanghaiDate } from '@insurer/platform-time';

export const QUOTE_VALID_DAYS = 30;

/** A quote is valid through the 30th day after the day it was issued (Asia/Shanghai). */
export function quoteValidUntil(issuedAt: Date): string {
  return addDays(shanghaiDate(issuedAt), QUOTE_VALID_DAYS);
}

export function isQuoteExpired(validUntil: string, now: Date): boolean {
  return shanghaiDate(now) > validUntil;
}
