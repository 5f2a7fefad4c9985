/**
 * kafkajs 2.2.4 groups a send's messages by partition with a reduce that copies the partition's array for every
 * message (`[...current, message]` inside `Object.assign`), so n messages to one partition copy n²/2 references and
 * make n arrays and n objects: in a heap profile of sales-svc relaying a burst, 2.2 KB an event. The function here
 * groups the same way (the partitioner asked once a message, in order; a fresh array a partition, messages in their
 * order; no partition metadata, nothing) by pushing onto each partition's one array.
 *
 * sendMessages.js binds the function when it is loaded, so the module is swapped in Node's module cache before that:
 * this file applies it when it is loaded, and kafka.ts, the first of the platform's files to load kafkajs, loads it
 * first. Once kafkajs' producer is loaded it is too late and nothing changes (`applyKafkajsGroupingFix` says false).
 * Applied only to the version it was written against.
 */

import { replaceKafkajsModule } from './kafkajs-version';

interface GroupingInput<M> {
  readonly topic: string;
  readonly partitionMetadata: readonly unknown[];
  readonly messages: readonly M[];
  readonly partitioner: (args: {
    topic: string;
    partitionMetadata: readonly unknown[];
    message: M;
  }) => number;
}

const GROUPING = 'kafkajs/src/producer/groupMessagesPerPartition.js';
const SEND_MESSAGES = 'kafkajs/src/producer/sendMessages.js';

/** kafkajs' grouping of messages by partition, each message added once. */
export function groupMessagesPerPartition<M>({
  topic,
  partitionMetadata,
  messages,
  partitioner,
}: GroupingInput<M>): Record<number, M[]> {
  const result: Record<number, M[]> = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    const current = result[partition];
    if (current) current.push(message);
    else result[partition] = [message];
  }
  return result;
}

let applied = false;

export function applyKafkajsGroupingFix(): boolean {
  if (!applied) applied = replaceKafkajsModule(GROUPING, SEND_MESSAGES, groupMessagesPerPartition);
  return applied;
}

applyKafkajsGroupingFix();
