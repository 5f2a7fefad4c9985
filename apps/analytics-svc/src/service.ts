import type { ServiceParts } from '@insurer/platform-runtime';
import { AnalyticsInit1764000000000 } from './database/migrations/1764000000000-AnalyticsInit';

export const service: ServiceParts = {
  descriptor: {
    name: 'analytics-svc',
    schema: 'analytics',
    defaultPort: 3006,
    staffRoles: ['analyst', 'admin'],
  },
  database: {
    schema: 'analytics',
    entities: [],
    migrations: [AnalyticsInit1764000000000],
  },
  imports: [],
};
