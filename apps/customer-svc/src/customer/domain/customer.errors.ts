import { ruleOf } from '@insurer/contracts';
import { AppError, type MessageParams } from '@insurer/platform-errors';
import type { RuleViolation } from './rule-violation';

/** One or more data rules refused the input (422), each on its field with its rule and source. */
export class CustomerDataInvalidError extends AppError {
  constructor(readonly violations: readonly RuleViolation[]) {
    super('CUSTOMER.DATA_INVALID', 'rule', violations.map((v) => v.message).join('; '), {
      errors: violations.map((v) => ({
        pointer: v.pointer,
        message: v.message,
        rule: v.rule,
        params: v.params,
      })),
      rule: violations[0]?.source ? { id: violations[0].rule, source: violations[0].source } : undefined,
    });
  }
}

export class FieldNotNeededForPurposeError extends AppError {
  constructor(purpose: string, fields: readonly string[]) {
    super(
      'CUSTOMER.FIELD_NOT_NEEDED',
      'rule',
      `the purpose "${purpose}" does not need ${fields.join(', ')}; collect only what the purpose needs`,
      {
        errors: fields.map((f) => ({
          pointer: `/${f}`,
          message: `not needed for ${purpose}`,
          rule: 'PIPL.MINIMUM_NECESSARY',
          params: { purpose },
        })),
        rule: ruleOf('PIPL.MINIMUM_NECESSARY'),
        params: { purpose, fields: fields.join(', ') },
      },
    );
  }
}

export class CustomerAlreadyRegisteredError extends AppError {
  constructor(customerId: string) {
    super('CUSTOMER.ALREADY_REGISTERED', 'conflict', 'a customer with this ID number is already registered', {
      extensions: { customerId },
    });
  }
}

export class CustomerVersionConflictError extends AppError {
  constructor(expected: number, current: number) {
    super(
      'CUSTOMER.VERSION_CONFLICT',
      'conflict',
      `the customer is at version ${current}, not ${expected}; read it again and reapply the change`,
      { extensions: { currentVersion: current }, params: { current, expected } },
    );
  }
}

export class CustomerErasedError extends AppError {
  constructor(customerId: string) {
    super('CUSTOMER.ERASED', 'not_found', `customer ${customerId} was erased at their request`, {
      params: { customerId },
    });
  }
}

/** PIPL Art. 47: erasure was asked while a law requires keeping the records; they are stored, not processed. */
export class CustomerRestrictedError extends AppError {
  constructor(customerId: string, retainedUntil: string | null) {
    super(
      'CUSTOMER.PROCESSING_RESTRICTED',
      'forbidden',
      `customer ${customerId} asked for erasure; their records are kept only as the law requires, ` +
        (retainedUntil ? `until ${retainedUntil}` : 'while a policy runs and for the periods after it ends') +
        ', and are not processed',
      {
        rule: ruleOf('CUSTOMER.PROCESSING_RESTRICTED'),
        extensions: { retainedUntil },
        params: { customerId, until: retainedUntil ?? 'running' },
      },
    );
  }
}

export class CustomerNotRestrictedError extends AppError {
  constructor(customerId: string) {
    super(
      'CUSTOMER.NOT_RESTRICTED',
      'conflict',
      `customer ${customerId} is not restricted: read them through the usual routes and purposes`,
      { params: { customerId } },
    );
  }
}

export class AssessmentLimitError extends AppError {
  constructor(violation: RuleViolation) {
    super('CUSTOMER.ASSESSMENT_LIMIT', 'rate_limited', violation.message, {
      rule: { id: violation.rule, source: violation.source ?? '' },
      params: {
        ...violation.params,
        limit: violation.rule === 'SUITABILITY.ASSESSMENT_DAILY_LIMIT' ? 'daily' : 'yearly',
      },
    });
  }
}

export class ConsentRequiredError extends AppError {
  constructor(purpose: string) {
    super('CUSTOMER.CONSENT_REQUIRED', 'rule', `this needs the customer's separate consent for ${purpose}`, {
      rule: ruleOf('PIPL.SEPARATE_CONSENT'),
      params: { purpose },
    });
  }
}

export class UnmaskNotAllowedError extends AppError {
  constructor(reason: string, params: MessageParams) {
    super('CUSTOMER.UNMASK_FORBIDDEN', 'forbidden', reason, { params });
  }
}

/** A customer acting on another customer's records (403). */
export class CustomerNotYoursError extends AppError {
  constructor() {
    super('CUSTOMER.NOT_YOURS', 'forbidden', 'a customer may act only on their own records');
  }
}
