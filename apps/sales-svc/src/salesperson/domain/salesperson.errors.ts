import { AppError } from '@insurer/platform-errors';

/** The salesperson's state does not allow the change (409). */
export class SalespersonStateError extends AppError {
  constructor(message: string) {
    super('SALESPERSON.WRONG_STATE', 'conflict', message);
  }
}
