import { AppError, refusalOf, type MessageParams } from '@insurer/platform-errors';
import type { Refusal } from './intake';

/** Intake or an amount check refused the claim (422), each reason on its field with its rule and legal source. */
export class ClaimRefusedError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly refusals: readonly Refusal[],
  ) {
    super(code, 'rule', `${message}: ${refusals.map((r) => r.message).join('; ')}`, refusalOf(refusals));
  }
}

/** The transition does not apply to the claim's current status (409). */
export class ClaimStateError extends AppError {
  constructor(claim: { claimId: string; status: string }, action: string) {
    super(
      'CLAIM.WRONG_STATE',
      'conflict',
      `claim ${claim.claimId} is ${claim.status}; it cannot be ${action}`,
      {
        params: { claimId: claim.claimId, status: claim.status, action },
      },
    );
  }
}

/** The approver lacks the authority for the amount, or assessed the claim themselves (403). */
export class ClaimApprovalRefusedError extends AppError {
  constructor(code: string, message: string, params: MessageParams = {}) {
    super(code, 'forbidden', message, { params });
  }
}

/** A customer acting on a claim where they are neither the insured nor the policyholder (403). */
export class ClaimNotYoursError extends AppError {
  constructor() {
    super('CLAIM.NOT_YOURS', 'forbidden', 'a customer may see only their own claims');
  }
}
