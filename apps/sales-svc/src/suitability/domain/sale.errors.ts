import { AppError, refusalOf } from '@insurer/platform-errors';
import type { Reason } from '../../regulation/domain/sources';

/** A sale refused by a rule: every reason with its code, message, source and (where there is one) field. */
export class SaleRefusedError extends AppError {
  constructor(
    code: string,
    message: string,
    reasons: readonly Reason[],
    extensions: Record<string, unknown> = {},
  ) {
    super(code, 'rule', `${message}: ${reasons.map((r) => r.message).join('; ')}`, {
      ...refusalOf(reasons),
      extensions,
    });
  }
}
