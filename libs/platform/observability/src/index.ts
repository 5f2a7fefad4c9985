export * from './logger';
export * from './metrics';
export * from './public.decorator';
export * from './request-context';
