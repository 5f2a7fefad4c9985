import { z } from 'zod';
import type { Locale } from '@insurer/contracts';
import { ruleText, type MessageValues } from './messages';

const LOCALE_ERRORS: Record<Locale, { localeError: z.core.$ZodErrorMap }> = {
  'zh-CN': z.locales.zhCN(),
  en: z.locales.en(),
};

/**
 * A validation issue in a language: a refinement that names a registered code (`params: { code }`) is worded by the
 * registry; in English the schema's own wording stands (zod's, or the schema author's); in Chinese zod's checks (type,
 * length, format, enum, unknown key) are worded by zod's zh-CN locale.
 */
export function issueMessage(issue: z.core.$ZodIssue, locale: Locale): string {
  const params = (issue as { params?: { code?: unknown } & MessageValues }).params;
  if (issue.code === 'custom' && typeof params?.code === 'string') {
    const text = ruleText(params.code, locale, params);
    if (text) return text;
  }
  if (locale === 'en') return issue.message;
  const worded = LOCALE_ERRORS[locale].localeError(issue as never);
  const message = typeof worded === 'string' ? worded : worded?.message;
  return message ?? issue.message;
}
