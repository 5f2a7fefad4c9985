import { AppError } from '@insurer/platform-errors';
import type { Reason } from '../../regulation/domain/sources';

/** A sale refused by a rule: every reason with its code, message, source and (where there is one) field. */
export class SaleRefusedError extends AppError {
  constructor(
    code: string,
    message: string,
    reasons: readonly Reason[],
    extensions: Record<string, unknown> = {},
  ) {
    const first = reasons.find((r) => r.source);
    super(code, 'rule', `${message}: ${reasons.map((r) => r.message).join('; ')}`, {
      errors: reasons.map((r) => ({
        pointer: r.pointer ?? '',
        message: r.message,
        rule: r.code,
        params: r.params,
      })),
      rule: first?.source ? { id: first.code, source: first.source } : undefined,
      extensions: { ...extensions, reasons },
    });
  }
}
