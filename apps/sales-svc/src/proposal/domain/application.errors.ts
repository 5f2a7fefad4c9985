import { AppError } from '@insurer/platform-errors';

/** One quote makes one application (409). */
export class QuoteAlreadyUsedError extends AppError {
  constructor(applicationId: string) {
    super('SALES.QUOTE_ALREADY_USED', 'conflict', 'an application was already made from this quote', {
      extensions: { applicationId },
    });
  }
}
