import {
  AssessmentLimitError,
  ConsentRequiredError,
  CustomerAlreadyRegisteredError,
  CustomerDataInvalidError,
  CustomerErasedError,
  CustomerVersionConflictError,
  FieldNotNeededForPurposeError,
  UnmaskNotAllowedError,
} from './customer.errors';

/** What a caller reads in the problem+json body: the code, the kind (its status), the text, the pointers and the rule. */
const shape = (e: {
  code: string;
  kind: string;
  message: string;
  errors: readonly unknown[];
  rule?: unknown;
  extensions: Record<string, unknown>;
}) => ({
  code: e.code,
  kind: e.kind,
  message: e.message,
  errors: e.errors,
  rule: e.rule,
  extensions: e.extensions,
});

describe('customer-svc refusals', () => {
  it('lists every invalid field with its rule, and cites the first rule with a source', () => {
    const error = new CustomerDataInvalidError([
      { pointer: '/mobile', rule: 'CONTACT.MOBILE', message: 'not a mainland mobile number' },
      { pointer: '/idNumber', rule: 'ID.CHECK', message: 'check character wrong', source: 'GB 11643-1999' },
    ]);
    expect(shape(error)).toEqual({
      code: 'CUSTOMER.DATA_INVALID',
      kind: 'rule',
      message: 'not a mainland mobile number; check character wrong',
      errors: [
        { pointer: '/mobile', message: 'not a mainland mobile number', rule: 'CONTACT.MOBILE' },
        { pointer: '/idNumber', message: 'check character wrong', rule: 'ID.CHECK' },
      ],
      rule: undefined,
      extensions: {},
    });
    const sourced = new CustomerDataInvalidError([
      { pointer: '/idNumber', rule: 'ID.CHECK', message: 'wrong', source: 'GB 11643-1999' },
    ]);
    expect(sourced.rule).toEqual({ id: 'ID.CHECK', source: 'GB 11643-1999' });
  });

  it('refuses fields a purpose does not need, each by its pointer, citing PIPL Art. 6', () => {
    expect(shape(new FieldNotNeededForPurposeError('quotation', ['email', 'bankAccount']))).toEqual({
      code: 'CUSTOMER.FIELD_NOT_NEEDED',
      kind: 'rule',
      message:
        'the purpose "quotation" does not need email, bankAccount; collect only what the purpose needs',
      errors: [
        {
          pointer: '/email',
          message: 'not needed for quotation',
          params: { purpose: 'quotation' },
          rule: 'PIPL.MINIMUM_NECESSARY',
        },
        {
          pointer: '/bankAccount',
          message: 'not needed for quotation',
          params: { purpose: 'quotation' },
          rule: 'PIPL.MINIMUM_NECESSARY',
        },
      ],
      rule: { id: 'PIPL.MINIMUM_NECESSARY', source: 'Personal Information Protection Law Art. 6' },
      extensions: {},
    });
  });

  it('answers conflicts with what the caller needs to go on', () => {
    expect(shape(new CustomerAlreadyRegisteredError('c-1'))).toEqual({
      code: 'CUSTOMER.ALREADY_REGISTERED',
      kind: 'conflict',
      message: 'a customer with this ID number is already registered',
      errors: [],
      rule: undefined,
      extensions: { customerId: 'c-1' },
    });
    expect(shape(new CustomerVersionConflictError(3, 5))).toEqual({
      code: 'CUSTOMER.VERSION_CONFLICT',
      kind: 'conflict',
      message: 'the customer is at version 5, not 3; read it again and reapply the change',
      errors: [],
      rule: undefined,
      extensions: { currentVersion: 5 },
    });
  });

  it('says an erased customer is gone, a limit was reached, consent is missing, or unmasking is not allowed', () => {
    expect(shape(new CustomerErasedError('c-2'))).toMatchObject({
      code: 'CUSTOMER.ERASED',
      kind: 'not_found',
      message: 'customer c-2 was erased at their request',
    });
    expect(
      shape(
        new AssessmentLimitError({
          pointer: '',
          rule: 'SUITABILITY.ASSESSMENT_DAILY_LIMIT',
          message: 'two a day',
          source: 'NFRA Order 2025 No. 7',
        }),
      ),
    ).toMatchObject({
      code: 'CUSTOMER.ASSESSMENT_LIMIT',
      kind: 'rate_limited',
      message: 'two a day',
      rule: { id: 'SUITABILITY.ASSESSMENT_DAILY_LIMIT', source: 'NFRA Order 2025 No. 7' },
    });
    expect(new AssessmentLimitError({ pointer: '', rule: 'X', message: 'm' }).rule).toEqual({
      id: 'X',
      source: '',
    });
    expect(shape(new ConsentRequiredError('health data'))).toMatchObject({
      code: 'CUSTOMER.CONSENT_REQUIRED',
      kind: 'rule',
      message: "this needs the customer's separate consent for health data",
      rule: { id: 'PIPL.SEPARATE_CONSENT', source: 'Personal Information Protection Law Arts. 28-29' },
    });
    expect(
      shape(new UnmaskNotAllowedError('agents see masked values', { reason: 'role', roles: 'agent' })),
    ).toMatchObject({
      code: 'CUSTOMER.UNMASK_FORBIDDEN',
      kind: 'forbidden',
      message: 'agents see masked values',
    });
  });
});
