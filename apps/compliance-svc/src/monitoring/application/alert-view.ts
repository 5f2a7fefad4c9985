import type { Locale } from '@insurer/contracts';
import { citation, ruleText } from '@insurer/platform-i18n';
import { alertText } from '../domain/alert-texts';
import type { AlertEntity } from '../infrastructure/monitoring.entity';

/** An alert as a reader sees it: its rule's title and what it says in their language, beside the English summary. */
export type AlertView = Omit<AlertEntity, 'message'> & {
  readonly ruleTitle: string;
  readonly message: string;
  /** The legal source as the reader's language cites it (《中华人民共和国保险法》第四十七条). */
  readonly citation: string | null;
};

/**
 * The alert in a language: the rule's title from the platform's rule texts, the message from the code and values it
 * keeps, the source as the language cites it. An alert raised before alerts kept their message (or with a code this
 * build does not know) shows its English summary as its message.
 */
export function alertView(alert: AlertEntity, locale: Locale): AlertView {
  const { message, ...rest } = alert;
  return {
    ...rest,
    ruleTitle: ruleText(alert.ruleId, locale) ?? alert.ruleId,
    message: (message && alertText(message, locale)) ?? alert.summary,
    citation: alert.source && citation(alert.source, locale),
  };
}
