import { z } from 'zod';
import { extendServiceConfig } from '@insurer/platform-config';

/** compliance-svc's own variables. */
export const complianceConfigSchema = extendServiceConfig({
  DEPARTURE_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export type ComplianceConfig = z.output<typeof complianceConfigSchema>;
