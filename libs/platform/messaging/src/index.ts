export * from './kafka';
export * from './probe';
export * from './kafka-client';
export * from './messaging-tables';
