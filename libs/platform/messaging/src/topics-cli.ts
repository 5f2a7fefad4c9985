/**
 * `node dist/libs/platform/messaging/src/topics-cli.js`: creates the platform's topics on KAFKA_BROKERS with their
 * settings and names the existing ones that differ, then exits (the deployment's topics Job; it is in every service's
 * image). KAFKA_TOPIC_PARTITIONS and KAFKA_TOPIC_REPLICATION_FACTOR as for `infra:up`. Exits 1, with the reason, when
 * the cluster cannot be reached or a setting is malformed; a difference is a warning, not a failure.
 */
import { createKafka, ensurePlatformTopics } from './kafka';
import { topicOptionsFromEnv } from './topic-settings';

const say = (line: string) => process.stdout.write(`[topics] ${line}\n`);

async function main(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: host:port[,host:port] of the cluster');
  const options = topicOptionsFromEnv(process.env);
  await ensurePlatformTopics(createKafka({ clientId: 'topics', brokers: brokers.split(',') }), options, say);
}

main().catch((err: unknown) => {
  process.stderr.write(`[topics] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
