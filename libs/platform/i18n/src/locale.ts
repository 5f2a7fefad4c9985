import { match } from '@formatjs/intl-localematcher';
import { LOCALES, type Locale } from '@insurer/contracts';

/** The insurer's staff read Chinese first: a request that names no language we speak is answered in Chinese. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/**
 * The language of the answer from an `Accept-Language` header (RFC 9110 §12.5.4): the tags by their q weight, matched
 * against the two the platform speaks by the best-fit algorithm (`zh-TW`, `zh` → zh-CN; `en-GB` → en).
 */
export function negotiateLocale(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LOCALE;
  const requested = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.tag !== '*' && r.weight > 0 && isLanguageTag(r.tag))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((r) => r.tag);
  if (!requested.length) return DEFAULT_LOCALE;
  return match(requested, LOCALES, DEFAULT_LOCALE, { algorithm: 'best fit' }) as Locale;
}

function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
}
