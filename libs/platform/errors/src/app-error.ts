/**
 * Kinds of failure a caller can act on. The exception filter maps each kind to one HTTP status, so domain code never
 * speaks HTTP.
 */
export type ErrorKind =
  | 'validation' // 400: the request is malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: stale version, duplicate, wrong state
  | 'rule' // 422: a business or legal rule refuses it
  | 'rate_limited'; // 429: a legal frequency limit

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  rate_limited: 429,
};

/**
 * The values a registered code's texts are filled with (rule-texts.ts): amounts in yuan, dates as ISO days, enums as
 * their codes. Throw sites pass values, never finished sentences, so each language words them its own way.
 */
export type MessageParams = Readonly<Record<string, string | number | boolean | null>>;

/**
 * A problem with one field, addressed by a JSON Pointer into the request body or query (RFC 6901). `message` is the
 * English wording kept for logs; the answer words it from `rule` and `params` (or `texts`, for a validation issue
 * already worded in each language) in the caller's language.
 */
export interface FieldError {
  readonly pointer: string;
  readonly message: string;
  readonly rule?: string;
  readonly params?: MessageParams;
  readonly texts?: Readonly<Record<string, string>>;
}

/** A rule that refused the request and where it comes from, e.g. `{ id: 'SUITABILITY.LEVEL', source: 'NFRA Order 2025 No. 7' }`. */
export interface RuleReference {
  readonly id: string;
  readonly source: string;
}

/** A reason a refusal lists: its code, English words (logs, events), the values its texts take, its source and field. */
export interface RefusalReason {
  readonly code: string;
  readonly message: string;
  readonly params?: MessageParams;
  readonly source?: string;
  readonly pointer?: string;
}

export interface AppErrorOptions {
  readonly params?: MessageParams;
  /** The reasons of a refusal that lists several (a sale, a claim intake): answered as `reasons`. */
  readonly reasons?: readonly RefusalReason[];
  readonly errors?: readonly FieldError[];
  readonly rule?: RuleReference;
  readonly extensions?: Record<string, unknown>;
}

/**
 * The base of every expected failure. Subclasses are named `<Thing><Problem>Error` and carry a stable code such as
 * `CLAIM.POLICY_NOT_IN_FORCE` that integrators can switch on.
 */
export class AppError extends Error {
  readonly errors: readonly FieldError[];
  readonly rule?: RuleReference;
  readonly extensions: Record<string, unknown>;
  /** What the code's texts are filled with; `message` stays the English wording for logs and events. */
  readonly params: MessageParams;
  readonly reasons?: readonly RefusalReason[];

  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.errors = options.errors ?? [];
    this.rule = options.rule;
    this.extensions = options.extensions ?? {};
    this.params = options.params ?? {};
    this.reasons = options.reasons;
  }
}

/**
 * A refusal that lists its reasons: each one also a field error (on its pointer) under its own rule, and the first
 * with a source the rule the refusal rests on.
 */
export function refusalOf(
  reasons: readonly RefusalReason[],
): Pick<AppErrorOptions, 'errors' | 'rule' | 'reasons'> {
  const sourced = reasons.find((r) => r.source);
  return {
    errors: reasons.map((r) => ({
      pointer: r.pointer ?? '',
      message: r.message,
      rule: r.code,
      params: r.params,
    })),
    rule: sourced?.source ? { id: sourced.code, source: sourced.source } : undefined,
    reasons,
  };
}

export class RequestValidationError extends AppError {
  constructor(errors: readonly FieldError[]) {
    super('REQUEST.INVALID', 'validation', 'The request does not match the expected shape.', { errors });
  }
}

export class ResourceNotFoundError extends AppError {
  constructor(resource: string, id: string) {
    super(
      `${resource.toUpperCase().replace(/ /g, '_')}.NOT_FOUND`,
      'not_found',
      `${resource} ${id} does not exist.`,
      { params: { id } },
    );
  }
}
