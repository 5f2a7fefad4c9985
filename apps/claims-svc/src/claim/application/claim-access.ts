import { isStaff, type Principal } from '@insurer/platform-auth';
import { mayReportClaim, type Beneficiary } from '../domain/beneficiaries';
import { isOwnClaim, type ClaimState } from '../domain/claim';
import { ClaimNotYoursError } from '../domain/claim.errors';

/** Who is acting on a claim: a person with a token, or an integrator's command (which carries no customer). */
export type ClaimActor = Pick<Principal, 'sub' | 'roles' | 'customerId'>;

/** A customer acts only on claims where they are the insured or the policyholder; staff on any. */
export function assertMayActOn(
  actor: ClaimActor,
  claim: Pick<ClaimState, 'insuredId' | 'policyholderId'> & { beneficiaries?: readonly Beneficiary[] },
): void {
  if (!isOwnClaim({ staff: isStaff(actor), customerId: actor.customerId }, claim))
    throw new ClaimNotYoursError();
}

/**
 * A customer reports as the insured, or on a death as a named beneficiary or the policyholder; staff and integrators
 * for anyone. A policy claims-svc does not know is judged on the insured named (intake then refuses it).
 */
export function assertMayReport(
  actor: ClaimActor,
  policy: { insuredId: string; policyholderId: string; beneficiaries: readonly Beneficiary[] } | null,
  report: { insuredId: string; claimType: string },
): void {
  if (isStaff(actor)) return;
  const customerId = actor.customerId ?? '';
  const allowed = policy
    ? mayReportClaim(customerId, policy, report.claimType)
    : customerId === report.insuredId;
  if (!allowed) throw new ClaimNotYoursError();
}
