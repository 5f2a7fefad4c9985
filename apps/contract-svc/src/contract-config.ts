import { z } from 'zod';
import { extendServiceConfig } from '@insurer/platform-config';

/** contract-svc's own variables. */
export const contractConfigSchema = extendServiceConfig({
  PREMIUM_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export type ContractConfig = z.output<typeof contractConfigSchema>;
