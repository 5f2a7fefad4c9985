import type { ServiceParts } from '@insurer/platform-runtime';
import { SalesInit1764000000000 } from './database/migrations/1764000000000-SalesInit';

export const service: ServiceParts = {
  descriptor: {
    name: 'sales-svc',
    schema: 'sales',
    defaultPort: 3002,
    staffRoles: ['agent', 'admin'],
  },
  database: {
    schema: 'sales',
    entities: [],
    migrations: [SalesInit1764000000000],
  },
  imports: [],
};
