import { z } from 'zod';
import { extendServiceConfig, topicList } from '@insurer/platform-config';

/** contract-svc's own variables. */
export const contractConfigSchema = extendServiceConfig({
  PREMIUM_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /**
   * contract-svc reads claims.events.v1 to end a policy a paid claim exhausts; nothing in a sale waits on that, and
   * every claim's events would otherwise wake its consumer to be skipped. So that topic is fetched once a second
   * (CONSUMER_DEFERRED_TOPICS_MS).
   */
  CONSUMER_DEFERRED_TOPICS: topicList('claims.events.v1'),
});

export type ContractConfig = z.output<typeof contractConfigSchema>;
