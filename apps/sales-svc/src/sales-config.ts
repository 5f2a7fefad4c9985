import { z } from 'zod';
import { extendServiceConfig } from '@insurer/platform-config';

/** sales-svc's own variables. */
export const salesConfigSchema = extendServiceConfig({
  RETURN_VISIT_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export type SalesConfig = z.output<typeof salesConfigSchema>;
