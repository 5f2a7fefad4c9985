/**
 * A rule a piece of customer data breaks, addressed to the field by JSON Pointer. Domain checks return these as data;
 * the application layer turns them into a 422 problem+json or a command-rejected event.
 */
export interface RuleViolation {
  readonly pointer: string;
  readonly rule: string;
  readonly message: string;
  readonly source?: string;
}
