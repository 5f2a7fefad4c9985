import { LEGAL_SOURCES } from '@insurer/contracts';
import type { RefusalReason } from '@insurer/platform-errors';
/** The rules sales-svc applies, by their legal source, so every refusal can name where it comes from. */
// The one spelling of each source is the platform's rule registry (@insurer/contracts, rule-codes.ts).
export const SOURCES = LEGAL_SOURCES;

/** A reason a sale is refused: its code, words, the values its texts take, its source and field. */
export type Reason = RefusalReason;
