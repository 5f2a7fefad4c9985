import type { ServiceParts } from '@insurer/platform-runtime';
import { ContractInit1764000000000 } from './database/migrations/1764000000000-ContractInit';

export const service: ServiceParts = {
  descriptor: {
    name: 'contract-svc',
    schema: 'contract',
    defaultPort: 3003,
    staffRoles: ['underwriter', 'admin'],
  },
  database: {
    schema: 'contract',
    entities: [],
    migrations: [ContractInit1764000000000],
  },
  imports: [],
};
