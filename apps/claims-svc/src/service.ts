import type { ServiceParts } from '@insurer/platform-runtime';
import { ClaimsInit1764000000000 } from './database/migrations/1764000000000-ClaimsInit';

export const service: ServiceParts = {
  descriptor: {
    name: 'claims-svc',
    schema: 'claims',
    defaultPort: 3004,
    staffRoles: ['claims_handler', 'claims_manager'],
  },
  database: {
    schema: 'claims',
    entities: [],
    migrations: [ClaimsInit1764000000000],
  },
  imports: [],
};
