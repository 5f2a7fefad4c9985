import {
  ALERT_TEXTS,
  type AlertMessage,
  type AlertTextCode,
  type Locale,
  type LocalizedText,
} from '@insurer/contracts';
import { formatText } from '@insurer/platform-i18n';

const PART_SEPARATOR: Record<Locale, string> = { 'zh-CN': '；', en: ', ' };

/**
 * What an alert says of its facts, in a language: its message is the contracts' `AlertMessage` (a text of
 * `ALERT_TEXTS` and its values, as `compliance.alert-raised` carries it and the alert's row keeps it). A code this
 * build does not know (a newer writer's) yields undefined.
 */
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
  parts?: AlertMessage['parts'],
): { readonly message: AlertMessage; readonly summary: string } {
  const message: AlertMessage = parts ? { code, values, parts } : { code, values };
  return { message, summary: alertText(message, 'en') as string };
}
