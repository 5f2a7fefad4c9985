import type { Role } from './roles';

/** Who is calling, as proven by the bearer token. `customerId` is set for the customer role (own data only). */
export interface Principal {
  readonly sub: string;
  readonly roles: readonly Role[];
  readonly customerId?: string;
}
