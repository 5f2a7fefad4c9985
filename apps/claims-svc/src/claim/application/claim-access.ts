import { isStaff, type Principal } from '@insurer/platform-auth';
import { isOwnClaim, type ClaimState } from '../domain/claim';
import { ClaimNotYoursError } from '../domain/claim.errors';

/** Who is acting on a claim: a person with a token, or an integrator's command (which carries no customer). */
export type ClaimActor = Pick<Principal, 'sub' | 'roles' | 'customerId'>;

/** A customer acts only on claims where they are the insured or the policyholder; staff on any. */
export function assertMayActOn(
  actor: ClaimActor,
  claim: Pick<ClaimState, 'insuredId' | 'policyholderId'>,
): void {
  if (!isOwnClaim({ staff: isStaff(actor), customerId: actor.customerId }, claim))
    throw new ClaimNotYoursError();
}
