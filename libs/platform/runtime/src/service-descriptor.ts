import type { Role } from '@insurer/platform-auth';

/** What distinguishes one service from another at bootstrap. */
export interface ServiceDescriptor {
  readonly name: string;
  /** The one Postgres schema the service owns. */
  readonly schema: string;
  readonly defaultPort: number;
  /** Staff roles that work in this service; `GET /session` admits them. */
  readonly staffRoles: readonly Role[];
}
