import { splitDeathBenefit, type BenefitShare } from '../domain/beneficiaries';
import type { ClaimEntity } from '../infrastructure/claim.entity';

export type ClaimView = Omit<ClaimEntity, 'payeeAccount'> & {
  payeeAccount: string;
  /** An approved death benefit split between the beneficiaries, as claims.claim-approved announced it. */
  beneficiaryShares?: BenefitShare[];
};

/** A claim as callers see it: the payee's account masked to its last four digits, never the ciphertext. */
export function viewOf(claim: ClaimEntity): ClaimView {
  const { payeeAccount: _sealed, ...rest } = claim;
  const approvedDeath = claim.claimType === 'death' && claim.approvedFen !== null;
  return {
    ...rest,
    payeeAccount: `****${claim.payeeAccountLast4}`,
    ...(approvedDeath
      ? { beneficiaryShares: splitDeathBenefit(claim.approvedFen as number, claim.beneficiaries) }
      : {}),
  };
}
