import { AppError } from '@insurer/platform-errors';

/** A rule of the contract or the law refuses the change (422), with its legal source where it has one. */
export class PolicyRuleError extends AppError {
  constructor(code: string, message: string, source?: string, extensions: Record<string, unknown> = {}) {
    super(code, 'rule', message, { rule: source ? { id: code, source } : undefined, extensions });
  }
}

/** The transition does not apply to the policy's current status (409). */
export class PolicyStateError extends AppError {
  constructor(policy: { policyNumber: string; status: string }, action: string) {
    super(
      'POLICY.WRONG_STATE',
      'conflict',
      `policy ${policy.policyNumber} is ${policy.status}; it cannot be ${action}`,
    );
  }
}

/** A customer acting on a policy that is not theirs (403). */
export class PolicyNotYoursError extends AppError {
  constructor() {
    super('POLICY.NOT_YOURS', 'forbidden', 'a customer may act only on their own policies');
  }
}

/** A premium that does not match what is due (422). */
export class PremiumRuleError extends AppError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(code, 'rule', message, { extensions });
  }
}
