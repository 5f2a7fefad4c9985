import { splitDeathBenefit, type BenefitShare } from '../domain/beneficiaries';
import type { ClaimEntity } from '../infrastructure/claim.entity';

export type ClaimView = Omit<ClaimEntity, 'payeeAccount' | 'payeeNameSealed'> & {
  payeeAccount: string;
  /** An approved death benefit split between the beneficiaries, as claims.claim-approved announced it. */
  beneficiaryShares?: BenefitShare[];
};

/** A claim as callers see it: the payee's name and account masked (surname, last four digits), never a ciphertext. */
export function viewOf(claim: ClaimEntity): ClaimView {
  const { payeeAccount: _sealed, payeeNameSealed: _sealedName, ...rest } = claim;
  const approvedDeath = claim.claimType === 'death' && claim.approvedFen !== null;
  return {
    ...rest,
    payeeAccount: `****${claim.payeeAccountLast4}`,
    ...(approvedDeath
      ? { beneficiaryShares: splitDeathBenefit(claim.approvedFen as number, claim.beneficiaries) }
      : {}),
  };
}
