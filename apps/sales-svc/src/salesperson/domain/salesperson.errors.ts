import { AppError, type MessageParams } from '@insurer/platform-errors';

/** The salesperson's state does not allow the change (409). */
export class SalespersonStateError extends AppError {
  constructor(message: string, params: MessageParams) {
    super('SALESPERSON.WRONG_STATE', 'conflict', message, { params });
  }
}
