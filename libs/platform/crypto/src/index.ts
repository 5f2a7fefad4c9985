export * from './aead';
