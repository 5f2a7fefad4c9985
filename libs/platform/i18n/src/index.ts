export * from './locale';
export * from './messages';
export * from './zod-messages';
