import { isStaff, type Principal } from '@insurer/platform-auth';
import { AppError } from '@insurer/platform-http';

/** A customer acting for themselves may touch only their own records; staff roles are checked by the route. */
export function assertOwn(principal: Principal, customerId: string): void {
  const staff = isStaff(principal);
  if (!staff && principal.customerId !== customerId) {
    throw new AppError('CUSTOMER.NOT_YOURS', 'forbidden', 'a customer may act only on their own records');
  }
}
