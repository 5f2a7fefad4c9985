import { AppError, type MessageParams } from '@insurer/platform-errors';
import { COMPLAINT_SOURCE } from './complaint-deadlines';

/** The ticket is already answered: nothing more can be done on it (409). */
export class TicketStateError extends AppError {
  constructor(message: string, params: MessageParams) {
    super('TICKET.WRONG_STATE', 'conflict', message, { params });
  }
}

/** The complaint rules refuse another extension (422), naming the rule and the regulation. */
export class ComplaintExtensionRefusedError extends AppError {
  constructor(rule: string, message: string, params: MessageParams = {}) {
    super('TICKET.EXTENSION_REFUSED', 'rule', message, {
      rule: { id: rule, source: COMPLAINT_SOURCE },
      params: { ...params, why: rule.replace(/^COMPLAINT\./, '').toLowerCase() },
    });
  }
}
