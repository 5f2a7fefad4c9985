import type { ClaimEntity } from '../infrastructure/claim.entity';

export type ClaimView = Omit<ClaimEntity, 'payeeAccount'> & { payeeAccount: string };

/** A claim as callers see it: the payee's account masked to its last four digits, never the ciphertext. */
export function viewOf(claim: ClaimEntity): ClaimView {
  const { payeeAccount: _sealed, ...rest } = claim;
  return { ...rest, payeeAccount: `****${claim.payeeAccountLast4}` };
}
