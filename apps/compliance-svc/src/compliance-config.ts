import { z } from 'zod';
import { extendServiceConfig } from '@insurer/platform-config';

/** compliance-svc's own variables. */
export const complianceConfigSchema = extendServiceConfig({
  DEPARTURE_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** The reporting institution named in every AML report row (its code with the regulator, and its name). */
  REPORTING_INSTITUTION_CODE: z.string().min(1).max(40).default('INSURER-LOCAL'),
  REPORTING_INSTITUTION_NAME: z.string().min(1).max(120).default('Insurer Platform Life and Health'),
});

export type ComplianceConfig = z.output<typeof complianceConfigSchema>;
