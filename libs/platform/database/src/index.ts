export * from './data-source';
export * from './idempotency';
export * from './primary-key-reader';
export * from './immutable-rows';
export * from './row-writer';
export * from './values-list';
export * from './per-transaction';
export * from './due-sweep';
