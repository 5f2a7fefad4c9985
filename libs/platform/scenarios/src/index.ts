export * from './otp';
export * from './seed-sales';
export * from './story';
export * from './family';
export * from './narration';
