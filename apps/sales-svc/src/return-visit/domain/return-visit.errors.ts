import { AppError } from '@insurer/platform-errors';

export class VisitAlreadyCompletedError extends AppError {
  constructor() {
    super('RETURN_VISIT.COMPLETED', 'conflict', 'this return visit was already completed');
  }
}
