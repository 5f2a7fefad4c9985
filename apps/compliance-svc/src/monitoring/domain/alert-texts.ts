import { ALERT_TEXTS, type AlertTextCode, type Locale, type LocalizedText } from '@insurer/contracts';
import { formatText } from '@insurer/platform-i18n';

/**
 * What an alert says of its facts: a text's code and values from the alert texts the contracts publish
 * (`ALERT_TEXTS`), stored with the alert and carried on `compliance.alert-raised`, so each reader gets the words in
 * their language; the English text is also the alert's `summary`. A message's code, values and, for a list, the
 * texts it lists.
 */
export interface AlertMessage {
  readonly code: AlertTextCode;
  /** As JSON carries them, in the alert's row and its event: no value is left undefined. */
  readonly values: Readonly<Record<string, string | number | boolean | null>>;
  /** Filled into the text's `{parts}`, each in the same language, joined as the language lists clauses. */
  readonly parts?: readonly AlertMessage[];
}

const PART_SEPARATOR: Record<Locale, string> = { 'zh-CN': '；', en: ', ' };

/** The message in a language. A code this build does not know (a newer writer's) yields undefined. */
export function alertText(message: AlertMessage, locale: Locale): string | undefined {
  const texts: LocalizedText | undefined = (ALERT_TEXTS as Record<string, LocalizedText>)[message.code];
  if (!texts) return undefined;
  const parts = message.parts?.map((part) => alertText(part, locale) ?? part.code);
  const values = parts ? { ...message.values, parts: parts.join(PART_SEPARATOR[locale]) } : message.values;
  return formatText(`alert.${message.code}`, texts[locale], locale, values);
}

/** A finding's words: the message it keeps and its English line, the alert's summary. */
export function said(
  code: AlertTextCode,
  values: AlertMessage['values'],
  parts?: readonly AlertMessage[],
): { readonly message: AlertMessage; readonly summary: string } {
  const message: AlertMessage = parts ? { code, values, parts } : { code, values };
  return { message, summary: alertText(message, 'en') as string };
}
