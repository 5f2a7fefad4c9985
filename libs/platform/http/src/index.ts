export * from './app-error';
export * from './problem-details.filter';
export * from './zod-validation.pipe';
export * from './openapi';
export * from './nul-guard';
