export * from './service-process';
export * from './test-environment';
export * from './wait-for';
export * from './http-request';
export * from './repo-root';
export * from './topic-collector';
export * from './jwks-server';
export * from './scratch-schema';
