import { z } from 'zod';
import type { CommandDefinition, EventDefinition } from './define';
import { CommandEnvelopeSchema, EventEnvelopeSchema } from './envelope';
import { payloadJsonSchema, type JsonSchema } from './json-schema';
import { COMMAND_DEFINITIONS, EVENT_DEFINITIONS } from './registry';
import { COMMAND_TOPICS, EVENT_TOPICS, deadLetterTopic } from './topics';

function messageName(def: { type: string; version: number }): string {
  return `${def.type.replace(/[.]/g, '_')}_v${def.version}`;
}

function channelName(topic: string): string {
  return topic.replace(/[.]/g, '_');
}

function envelopeWith(
  envelope: z.ZodType,
  payload: JsonSchema,
  def: EventDefinition | CommandDefinition,
): JsonSchema {
  const schema = z.toJSONSchema(envelope, { target: 'draft-2020-12', io: 'output' }) as JsonSchema;
  delete schema.$schema;
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  properties.type = { const: def.type };
  properties.version = { const: def.version };
  properties.payload = payload;
  return { ...schema, properties };
}

/**
 * The AsyncAPI 3.0 description of the platform's Kafka interface, generated from the contract registry: the platform
 * sends events on the `*.events.v1` topics and receives integrators' commands on `*.commands.v1`.
 */
export function buildAsyncApiDocument(): JsonSchema {
  const messages: Record<string, JsonSchema> = {};
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};

  const describe = (def: EventDefinition | CommandDefinition) => {
    const envelope = def.kind === 'event' ? EventEnvelopeSchema : CommandEnvelopeSchema;
    messages[messageName(def)] = {
      name: def.type,
      title: `${def.type} v${def.version}`,
      summary: def.description,
      contentType: 'application/json',
      bindings: {
        kafka: { key: { type: 'string', description: def.kind === 'event' ? 'aggregateId' : 'commandId' } },
      },
      payload: envelopeWith(envelope, payloadJsonSchema(def), def),
    };
  };
  [...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS].forEach(describe);

  for (const topic of [...EVENT_TOPICS, ...COMMAND_TOPICS]) {
    const defs = [...EVENT_DEFINITIONS, ...COMMAND_DEFINITIONS].filter((d) => d.topic === topic);
    const isCommand = COMMAND_TOPICS.includes(topic);
    channels[channelName(topic)] = {
      address: topic,
      description: isCommand
        ? `Integrators publish commands here, keyed by commandId. Each gets its result event or a command-rejected event.`
        : `Events of the ${topic.split('.')[0]} context, keyed by aggregateId (ordered per aggregate).`,
      messages: Object.fromEntries(
        defs.map((d) => [messageName(d), { $ref: `#/components/messages/${messageName(d)}` }]),
      ),
    };
    channels[channelName(deadLetterTopic(topic))] = {
      address: deadLetterTopic(topic),
      description:
        'Messages from the source topic that could not be processed: original key, value and headers, plus ' +
        'dlq.source.topic, dlq.source.partition, dlq.source.offset, dlq.error.class, dlq.error.message headers.',
    };
    operations[`${isCommand ? 'receive' : 'send'}_${channelName(topic)}`] = {
      action: isCommand ? 'receive' : 'send',
      channel: { $ref: `#/channels/${channelName(topic)}` },
      summary: isCommand ? `Commands accepted on ${topic}` : `Events published on ${topic}`,
      messages: defs.map((d) => ({ $ref: `#/channels/${channelName(topic)}/messages/${messageName(d)}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Insurer platform events and commands',
      version: '1.0.0',
      description:
        'Typed, versioned events and integrator commands of the insurer back-office platform. Money is integer fen ' +
        '(CNY), dates are ISO-8601 calendar dates in Asia/Shanghai, instants are UTC. Generated from libs/contracts.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The broker `npm start` runs' },
    },
    channels,
    operations,
    components: { messages },
  };
}
