import { StartupError, withTimeout } from '@insurer/platform-config';
import { createKafka, describeClusterWithin } from './kafka';

/** Fails fast, naming KAFKA_BROKERS, when no broker answers; kafkajs alone would keep retrying for a long time. */
export async function probeKafka(brokers: readonly string[], timeoutMs: number): Promise<void> {
  const admin = createKafka({
    clientId: 'startup-probe',
    brokers,
    connectionTimeoutMs: timeoutMs,
    retries: 0,
  }).admin();
  try {
    await withTimeout(admin.connect(), timeoutMs);
    await describeClusterWithin(admin, timeoutMs);
  } catch (err) {
    throw new StartupError(
      `cannot reach Kafka at ${brokers.join(',')} (KAFKA_BROKERS): ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
