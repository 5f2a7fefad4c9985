import { z } from 'zod';
import { extendServiceConfig, topicList } from '@insurer/platform-config';

/** contract-svc's own variables. */
export const contractConfigSchema = extendServiceConfig({
  PREMIUM_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /**
   * contract-svc reads claims.events.v1 to end a policy a paid claim exhausts, and customer.events.v1 to know who may
   * take a policy over; nothing in a sale waits on either, and their other events would otherwise wake its consumer
   * to be skipped. So those topics are fetched once a second (CONSUMER_DEFERRED_TOPICS_MS).
   */
  CONSUMER_DEFERRED_TOPICS: topicList('claims.events.v1,customer.events.v1'),
});

export type ContractConfig = z.output<typeof contractConfigSchema>;
