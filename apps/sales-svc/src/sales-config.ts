import { z } from 'zod';
import { extendServiceConfig, topicList } from '@insurer/platform-config';

/** sales-svc's own variables. */
export const salesConfigSchema = extendServiceConfig({
  RETURN_VISIT_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /**
   * sales-svc reads claims.events.v1 for claim disputes, which hold a sale's recording beyond its retention date;
   * nothing in a sale waits on those, and every claim's events would otherwise wake its consumer to be skipped. So
   * that topic is fetched once a second (CONSUMER_DEFERRED_TOPICS_MS).
   */
  CONSUMER_DEFERRED_TOPICS: topicList('claims.events.v1'),
});

export type SalesConfig = z.output<typeof salesConfigSchema>;
