import { AppError } from '@insurer/platform-errors';

/** A decided case is final (409). */
export class UnderwritingClosedError extends AppError {
  constructor(applicationId: string) {
    super(
      'UNDERWRITING.ALREADY_DECIDED',
      'conflict',
      `application ${applicationId} is already decided; the decision is final`,
      { params: { applicationId } },
    );
  }
}

/** Another underwriter holds the case (409). */
export class UnderwritingAssignedError extends AppError {
  constructor(assignee: string) {
    super('UNDERWRITING.ASSIGNED_TO_OTHER', 'conflict', `the case is assigned to ${assignee}`, {
      params: { assignee },
    });
  }
}
