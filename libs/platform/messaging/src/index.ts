// Before anything here loads kafkajs: its producer binds the grouping and the record encoding these replace when it
// loads (see the files).
import './kafkajs-grouping-fix';
import './kafkajs-record-fix';
export * from './dead-letter';
export * from './inbox-consumer';
export * from './kafka';
export { fetchSessionCounts, type FetchSessionCounts } from './kafkajs-fetch-session';
export * from './topic-settings';
export * from './kafka-client';
export * from './messaging-tables';
export * from './outbox';
export * from './outbox-relay';
export * from './probe';
export * from './kafka-event.server';
export * from './restart-budget';
export * from './redact';
export * from './key-partitioner';
export * from './local-relay';
