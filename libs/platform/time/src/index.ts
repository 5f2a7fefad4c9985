export * from './china-calendar';
export * from './clock';
