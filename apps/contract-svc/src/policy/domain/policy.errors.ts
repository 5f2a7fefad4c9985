import { ruleOf } from '@insurer/contracts';
import { AppError, type MessageParams } from '@insurer/platform-errors';

/** A rule of the contract or the law refuses the change (422), with its legal source where it has one. */
export class PolicyRuleError extends AppError {
  constructor(
    code: string,
    message: string,
    details: {
      source?: string;
      extensions?: Record<string, unknown>;
      params?: MessageParams;
      /** The request field the rule reads (a JSON Pointer), answered as the problem's field error. */
      pointer?: string;
    } = {},
  ) {
    super(code, 'rule', message, {
      rule: details.source ? { id: code, source: details.source } : undefined,
      extensions: details.extensions,
      params: details.params,
      errors:
        details.pointer === undefined
          ? undefined
          : [{ pointer: details.pointer, message, rule: code, params: details.params }],
    });
  }
}

/** The transition does not apply to the policy's current status (409). */
export class PolicyStateError extends AppError {
  constructor(policy: { policyNumber: string; status: string }, action: string) {
    super(
      'POLICY.WRONG_STATE',
      'conflict',
      `policy ${policy.policyNumber} is ${policy.status}; it cannot be ${action}`,
      {
        params: { policyNumber: policy.policyNumber, status: policy.status, action },
      },
    );
  }
}

/** The policy is pledged: what would take its value from the pledgee waits for the release (409). */
export class PolicyPledgedError extends AppError {
  constructor(pledgee: string, action: string) {
    super(
      'POLICY.PLEDGED',
      'conflict',
      `the policy is pledged to ${pledgee}; it cannot be ${action} until released`,
      {
        params: { pledgee, action },
        rule: { id: 'POLICY.PLEDGED', source: ruleOf('POLICY.PLEDGED').source },
      },
    );
  }
}

/** Only staff record a pledge's release, on the pledgee's notice (403). */
export class PledgeReleaseByStaffError extends AppError {
  constructor() {
    super(
      'POLICY.PLEDGE_RELEASE_BY_STAFF',
      'forbidden',
      'staff record a pledge’s release, on the pledgee’s notice',
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
  constructor(
    code: string,
    message: string,
    details: { extensions?: Record<string, unknown>; params?: MessageParams } = {},
  ) {
    super(code, 'rule', message, details);
  }
}
