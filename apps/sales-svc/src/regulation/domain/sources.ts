import { LEGAL_SOURCES } from '@insurer/contracts';
import type { MessageParams } from '@insurer/platform-errors';
/** The rules sales-svc applies, by their legal source, so every refusal can name where it comes from. */
// The one spelling of each source is the platform's rule registry (@insurer/contracts, rule-codes.ts).
export const SOURCES = LEGAL_SOURCES;

export interface Reason {
  readonly code: string;
  readonly message: string;
  /** The values the code's Chinese and English texts are filled with (rule-texts.ts). */
  readonly params?: MessageParams;
  readonly source?: string;
  readonly pointer?: string;
}
