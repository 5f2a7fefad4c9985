import type { MessageParams } from '@insurer/platform-errors';
/**
 * A rule a piece of customer data breaks, addressed to the field by JSON Pointer. Domain checks return these as data;
 * the application layer turns them into a 422 problem+json or a command-rejected event.
 */
export interface RuleViolation {
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
  /** The values the code's Chinese and English texts are filled with (rule-texts.ts). */
  readonly params?: MessageParams;
  readonly source?: string;
}
