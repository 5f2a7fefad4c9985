import { z } from 'zod';
import { base64Key, extendServiceConfig, serviceConfigShape } from '@insurer/platform-config';

const fen = z.coerce.number().int().positive();

/** claims-svc's own variables. */
export const claimsConfigSchema = extendServiceConfig({
  /** Seals payees' bank accounts (AES-256-GCM). */
  CLAIMS_DATA_KEY: base64Key(32),
  /** Approval authority: a handler approves up to this, a manager up to the next, a director (admin) above. */
  CLAIMS_HANDLER_LIMIT_FEN: fen.default(5_000_000),
  CLAIMS_MANAGER_LIMIT_FEN: fen.default(50_000_000),
  /** Annual rate (basis points) for the late-payment exposure; the one-year LPR was 300 bp in 2025. */
  CLAIMS_LATE_INTEREST_BP: z.coerce.number().int().min(0).max(5_000).default(300),
  CLAIM_TIMER_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** AML record keeping after a payment (as customer-svc's setting of the same name). */
  AML_RETENTION_YEARS: z.coerce.number().int().min(5).max(30).default(10),
  /**
   * Nothing waits on claims-svc's consumer in a sale (its policy replica is read when a claim is reported, days later;
   * an integrator's claim command is answered by an event): the broker may hold its fetch this long to gather events,
   * one fetch a wait instead of one per event or two (the platform's default is 0). The price: events applied up to
   * that much later, and four fetches a second while idle instead of one every five seconds.
   */
  CONSUMER_FETCH_WAIT_MS: serviceConfigShape.shape.CONSUMER_FETCH_WAIT_MS.unwrap().default(250),
  /** How often claims of customers who asked for erasure are checked for the end of their payee data's retention. */
  RETENTION_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(3_600_000),
});

export type ClaimsConfig = z.output<typeof claimsConfigSchema>;
