import { metricValue, waitFor } from '@insurer/platform-testing';

export type ConsumerOutcome = 'applied' | 'duplicate' | 'retried' | 'dead_lettered' | 'skipped';

/**
 * How many messages the service's consumer ended with this outcome, read from its /metrics: of one type, or of every
 * type when `type` is undefined.
 */
export function consumedCount(
  baseUrl: string,
  type: string | undefined,
  outcome: ConsumerOutcome,
): Promise<number> {
  return metricValue(baseUrl, 'events_consumed_total', type === undefined ? { outcome } : { type, outcome });
}

/**
 * Redelivers through `redeliver` and waits until the service's consumer has reported the copy as a duplicate: proof
 * that the copy was read and skipped by the inbox, not merely that it has not been read yet. Without the inbox the
 * copy is applied instead, and this times out.
 */
export async function redeliverAndAwaitDuplicate(
  baseUrl: string,
  type: string,
  redeliver: () => Promise<void>,
  copies = 1,
): Promise<void> {
  const before = await consumedCount(baseUrl, type, 'duplicate');
  await redeliver();
  await waitFor(async () => (await consumedCount(baseUrl, type, 'duplicate')) >= before + copies, {
    description: `${copies} redelivered ${type} to be skipped as a duplicate`,
  });
}
