import { isStaff, type Principal } from '@insurer/platform-auth';
import { CustomerNotYoursError } from '../domain/customer.errors';

/** A customer acting for themselves may touch only their own records; staff roles are checked by the route. */
export function assertOwn(principal: Principal, customerId: string): void {
  const staff = isStaff(principal);
  if (!staff && principal.customerId !== customerId) {
    throw new CustomerNotYoursError();
  }
}
