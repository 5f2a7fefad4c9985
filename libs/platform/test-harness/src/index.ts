export * from './http-client';
export * from './service-under-test';
export * from './test-producer';
export * from './consumer-outcomes';
