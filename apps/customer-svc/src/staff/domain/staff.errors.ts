import { AppError } from '@insurer/platform-errors';

export class StaffAlreadyExistsError extends AppError {
  constructor(staffId: string) {
    super('STAFF.ALREADY_EXISTS', 'conflict', `staff member ${staffId} already exists`, {
      params: { staffId },
    });
  }
}
