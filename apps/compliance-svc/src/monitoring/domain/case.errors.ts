import { AppError } from '@insurer/platform-errors';

/** The case's status does not allow the step (409). */
export class CaseStateError extends AppError {
  constructor(c: { caseId: string; status: string }, action: string) {
    super('CASE.WRONG_STATE', 'conflict', `case ${c.caseId} is ${c.status}; it cannot be ${action}`, {
      params: { caseId: c.caseId, status: c.status },
    });
  }
}

/** An alert belongs to one case at most (409). */
export class AlertTakenError extends AppError {
  constructor(alertIds: readonly string[]) {
    super('CASE.ALERT_TAKEN', 'conflict', `alerts already in a case: ${alertIds.join(', ')}`, {
      params: { alertIds: alertIds.join(', ') },
    });
  }
}
