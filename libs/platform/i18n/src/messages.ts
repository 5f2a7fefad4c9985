import { IntlMessageFormat } from 'intl-messageformat';
import { RULE_TEXTS, SOURCE_TEXTS, type Locale } from '@insurer/contracts';

/** The values a text is filled with: amounts in yuan (the texts format them), dates as ISO days, names and enums. */
export type MessageValues = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** A text that asks for a value its caller did not give: a bug at the throw site, never the user's fault. */
export class MissingMessageValueError extends Error {
  constructor(code: string, locale: Locale, missing: readonly string[]) {
    super(`the ${locale} text of ${code} needs ${missing.join(', ')}; pass them with the error`);
  }
}

const formats = new Map<string, IntlMessageFormat>();

function compiled(code: string, locale: Locale, template: string): IntlMessageFormat {
  const key = `${locale}\u0000${code}`;
  let format = formats.get(key);
  if (!format) {
    format = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true });
    formats.set(key, format);
  }
  return format;
}

/** The names a template reads, nested ones (inside plural and select branches) included. */
export function templateArguments(template: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]): void => {
    for (const el of elements as {
      type: number;
      value?: unknown;
      options?: Record<string, { value: unknown[] }>;
    }[]) {
      if (el.type !== 0 && el.type !== 7 && typeof el.value === 'string') names.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(template, 'en', undefined, { ignoreTag: true }).getAst());
  return [...names].sort();
}

/**
 * The text of a registered code in a language, filled with the values the throw site passed. A value the template
 * reads and the caller left out fails loudly under `I18N_STRICT=1` (the tests' setting) and otherwise shows as "—",
 * so a refusal is never turned into a 500 by its wording.
 */
export function ruleText(code: string, locale: Locale, values: MessageValues = {}): string | undefined {
  const texts = RULE_TEXTS[code];
  return texts ? formatText(code, texts[locale], locale, values) : undefined;
}

/**
 * A service's own text (a notice, a label) in a language, with the same formatter and the same strictness as the
 * registry's texts. `key` names the text in errors and in the formatter cache.
 */
export function formatText(
  key: string,
  template: string,
  locale: Locale,
  values: MessageValues = {},
): string {
  const format = compiled(key, locale, template);
  const given: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(values))
    if (value !== undefined && value !== null) given[name] = value;
  try {
    // Only the branch a select or plural takes needs its values; formatting tells which are missing.
    return String(format.format(given));
  } catch {
    const missing = templateArguments(template).filter((name) => !(name in given));
    if (process.env['I18N_STRICT'] === '1') throw new MissingMessageValueError(key, locale, missing);
    const filled = { ...Object.fromEntries(missing.map((name) => [name, '—'])), ...given };
    try {
      return String(format.format(filled));
    } catch {
      return template;
    }
  }
}

/** A source as the text's language cites it: 《中华人民共和国保险法》第十六条 / Insurance Law Art. 16. */
export function citation(source: string, locale: Locale): string {
  if (locale === 'en') return source;
  return SOURCE_TEXTS[source] ?? source;
}

/** Reasons after a lead sentence, with each language's punctuation. */
export function joinTexts(lead: string, parts: readonly string[], locale: Locale): string {
  if (!parts.length) return lead;
  const head = lead.replace(/[.。]$/, '');
  const items = parts.map((p) => p.replace(/[.。]$/, ''));
  return locale === 'en' ? `${head}: ${items.join('; ')}.` : `${head}：${items.join('；')}。`;
}

/** A citation appended to a sentence: "… (Insurance Law Art. 16)" / "……（依据《中华人民共和国保险法》第十六条）". */
export function withCitation(text: string, source: string | undefined, locale: Locale): string {
  if (!source) return text;
  return locale === 'en'
    ? `${text} (${citation(source, locale)})`
    : `${text}（依据${citation(source, locale)}）`;
}

const HTTP_TITLES: Record<number, { 'zh-CN': string; en: string }> = {
  400: { 'zh-CN': '请求有误', en: 'Bad Request' },
  401: { 'zh-CN': '未通过身份认证', en: 'Unauthorized' },
  403: { 'zh-CN': '无权操作', en: 'Forbidden' },
  404: { 'zh-CN': '未找到', en: 'Not Found' },
  405: { 'zh-CN': '不支持该请求方法', en: 'Method Not Allowed' },
  408: { 'zh-CN': '请求超时', en: 'Request Timeout' },
  409: { 'zh-CN': '状态冲突', en: 'Conflict' },
  413: { 'zh-CN': '请求内容过大', en: 'Content Too Large' },
  414: { 'zh-CN': '请求地址过长', en: 'URI Too Long' },
  415: { 'zh-CN': '不支持的内容类型', en: 'Unsupported Media Type' },
  422: { 'zh-CN': '业务规则不允许', en: 'Unprocessable Content' },
  429: { 'zh-CN': '请求过于频繁', en: 'Too Many Requests' },
  431: { 'zh-CN': '请求头过大', en: 'Request Header Fields Too Large' },
  500: { 'zh-CN': '系统内部错误', en: 'Internal Server Error' },
  503: { 'zh-CN': '服务暂不可用', en: 'Service Unavailable' },
};

/** The RFC 9457 `title` of a status in a language. */
export function httpTitle(status: number, locale: Locale): string {
  return HTTP_TITLES[status]?.[locale] ?? (locale === 'en' ? 'Error' : '错误');
}

/** Statuses with a title in both languages (the completeness test walks them). */
export const TITLED_STATUSES = Object.keys(HTTP_TITLES).map(Number);
