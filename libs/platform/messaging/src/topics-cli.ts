/**
 * `node dist/libs/platform/messaging/src/topics-cli.js [--alter]`: creates the platform's topics on KAFKA_BROKERS with
 * their settings and names the existing ones that differ, then exits (the deployment's topics Job; it is in every
 * service's image). With `--alter` it also sets the differing settings of existing topics, each keeping its others.
 * KAFKA_TOPIC_PARTITIONS and KAFKA_TOPIC_REPLICATION_FACTOR as for `infra:up`. Exits 1, with the reason, when the
 * cluster cannot be reached, a setting is malformed or an argument unknown; a difference is a warning, not a failure.
 */
import { createKafka, ensurePlatformTopics } from './kafka';
import { topicOptionsFromEnv } from './topic-settings';

const say = (line: string) => process.stdout.write(`[topics] ${line}\n`);

async function main(): Promise<void> {
  const unknown = process.argv.slice(2).filter((arg) => arg !== '--alter');
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]}: the one there is, --alter`);
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: host:port[,host:port] of the cluster');
  const options = { ...topicOptionsFromEnv(process.env), alter: process.argv.includes('--alter') };
  await ensurePlatformTopics(createKafka({ clientId: 'topics', brokers: brokers.split(',') }), options, say);
}

main().catch((err: unknown) => {
  process.stderr.write(`[topics] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
