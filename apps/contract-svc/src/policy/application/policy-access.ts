import { isStaff, type Principal } from '@insurer/platform-auth';
import { isOwnPolicy, mayViewPolicy } from '../domain/policy';
import { PolicyNotYoursError } from '../domain/policy.errors';

/** A customer acts only on their own policies; staff roles are checked per route. */
export function assertMayActOn(principal: Principal, policy: { policyholderId: string }): void {
  if (!isOwnPolicy({ staff: isStaff(principal), customerId: principal.customerId }, policy.policyholderId))
    throw new PolicyNotYoursError();
}

/** The policyholder and the insured may each read the policy; staff roles are checked per route. */
export function assertMayView(
  principal: Principal,
  policy: { policyholderId: string; insuredId: string },
): void {
  if (!mayViewPolicy({ staff: isStaff(principal), customerId: principal.customerId }, policy))
    throw new PolicyNotYoursError();
}
