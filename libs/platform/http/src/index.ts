// The error types are plain TypeScript (domain modules import them without Nest); HTTP re-exports them.
export * from '@insurer/platform-errors';
export * from './problem-details.filter';
export * from './zod-validation.pipe';
export * from './openapi';
export * from './nul-guard';
export * from './framework-errors';
export * from './security-headers';
export * from './openapi-document';
export * from './prefer-wait';
