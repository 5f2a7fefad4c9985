import type { ServiceParts } from '@insurer/platform-runtime';
import { AnalyticsModule } from './analytics.module';
import { AnalyticsInit1764000000000 } from './database/migrations/1764000000000-AnalyticsInit';
import { AnalyticsProjections1764600000000 } from './database/migrations/1764600000000-AnalyticsProjections';
import { AnalyticsClaimDeadlines1764900000000 } from './database/migrations/1764900000000-AnalyticsClaimDeadlines';
import { OutboxAutovacuum1765800000000 } from './database/migrations/1765800000000-OutboxAutovacuum';

/** analytics-svc: KPI projections from every event, reports, improvement actions and the dashboard. */
export const service: ServiceParts = {
  descriptor: {
    name: 'analytics-svc',
    schema: 'analytics',
    defaultPort: 3006,
    staffRoles: ['analyst', 'admin'],
  },
  database: {
    schema: 'analytics',
    // The read models are plain SQL tables keyed by generation; no entity mapping is needed for them.
    entities: [],
    migrations: [
      AnalyticsInit1764000000000,
      AnalyticsProjections1764600000000,
      AnalyticsClaimDeadlines1764900000000,
      OutboxAutovacuum1765800000000,
    ],
  },
  imports: [AnalyticsModule],
};
