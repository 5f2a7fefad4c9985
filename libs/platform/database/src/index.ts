export * from './data-source';
export * from './idempotency';
