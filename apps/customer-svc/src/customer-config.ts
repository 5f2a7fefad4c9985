import { z } from 'zod';
import { base64Key, extendServiceConfig, serviceConfigShape } from '@insurer/platform-config';

/** customer-svc's own variables: the keys that protect personal data, and how often deadlines are swept. */
export const customerConfigSchema = extendServiceConfig({
  /** Wraps every customer's data key (AES-256-GCM). In production it comes from a KMS or a secret store. */
  CUSTOMER_MASTER_KEY: base64Key(32),
  /** Keys the HMAC that indexes ID numbers without storing them. */
  CUSTOMER_BLIND_INDEX_KEY: base64Key(32),
  COMPLAINT_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** AML record keeping after the business relationship ends (PBoC Order 2022 No. 1: at least 5; AML Law 2024: 10). */
  AML_RETENTION_YEARS: z.coerce.number().int().min(5).max(30).default(10),
  /** How often restricted customers are checked for the end of their retention (and shredded). */
  RETENTION_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
  /**
   * Nothing in a sale or a claim waits on customer-svc's consumer: it keeps the customer's own views of policies and
   * claims and sends the satisfaction survey, and answers an integrator's commands with events. So the broker may hold
   * its fetch this long to gather events (one fetch a wait instead of one per event or two; the platform's default is
   * 0), as claims-svc's. The price: those views, the survey and command answers come up to that much later, and an
   * idle consumer fetches four times a second instead of once every five.
   */
  CONSUMER_FETCH_WAIT_MS: serviceConfigShape.shape.CONSUMER_FETCH_WAIT_MS.unwrap().default(250),
});

export type CustomerConfig = z.output<typeof customerConfigSchema>;
