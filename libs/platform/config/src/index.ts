export * from './config';
export * from './startup-error';
export * from './with-timeout';
export * from './runtime-env';
export * from './infrastructure-error';
export * from './async-resource-bind';
