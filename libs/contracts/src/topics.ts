/**
 * Kafka topic names. Each bounded context owns one events topic; integrators publish commands to the command topics.
 * The version suffix is part of the name so a breaking change of a topic's contract can run side by side.
 */
export const Topics = {
  CUSTOMER_EVENTS: 'customer.events.v1',
  SALES_EVENTS: 'sales.events.v1',
  CONTRACT_EVENTS: 'contract.events.v1',
  CLAIMS_EVENTS: 'claims.events.v1',
  COMPLIANCE_EVENTS: 'compliance.events.v1',
  ANALYTICS_EVENTS: 'analytics.events.v1',
  CUSTOMER_COMMANDS: 'customer.commands.v1',
  SALES_COMMANDS: 'sales.commands.v1',
  CLAIMS_COMMANDS: 'claims.commands.v1',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

export const EVENT_TOPICS: readonly Topic[] = [
  Topics.CUSTOMER_EVENTS,
  Topics.SALES_EVENTS,
  Topics.CONTRACT_EVENTS,
  Topics.CLAIMS_EVENTS,
  Topics.COMPLIANCE_EVENTS,
  Topics.ANALYTICS_EVENTS,
];

export const COMMAND_TOPICS: readonly Topic[] = [
  Topics.CUSTOMER_COMMANDS,
  Topics.SALES_COMMANDS,
  Topics.CLAIMS_COMMANDS,
];

/** Where a message that cannot be processed is parked, with the reason in its headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}

/**
 * Every topic the platform needs, dead-letter topics included: the list the infrastructure scripts create (each with
 * the settings of what it holds: `PLATFORM_TOPICS` in @insurer/platform-messaging).
 */
export const ALL_TOPICS: readonly string[] = [...EVENT_TOPICS, ...COMMAND_TOPICS].flatMap((t) => [
  t,
  deadLetterTopic(t),
]);
