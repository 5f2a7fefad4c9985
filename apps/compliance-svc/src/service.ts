import type { ServiceParts } from '@insurer/platform-runtime';
import { ComplianceInit1764000000000 } from './database/migrations/1764000000000-ComplianceInit';

export const service: ServiceParts = {
  descriptor: {
    name: 'compliance-svc',
    schema: 'compliance',
    defaultPort: 3005,
    staffRoles: ['compliance_officer'],
  },
  database: {
    schema: 'compliance',
    entities: [],
    migrations: [ComplianceInit1764000000000],
  },
  imports: [],
};
