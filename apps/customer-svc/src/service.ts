import type { ServiceParts } from '@insurer/platform-runtime';
import { CustomerInit1764000000000 } from './database/migrations/1764000000000-CustomerInit';

export const service: ServiceParts = {
  descriptor: {
    name: 'customer-svc',
    schema: 'customer',
    defaultPort: 3001,
    staffRoles: ['service_rep', 'agent', 'admin'],
  },
  database: {
    schema: 'customer',
    entities: [],
    migrations: [CustomerInit1764000000000],
  },
  imports: [],
};
