export * from './auth.guard';
export * from './auth.module';
export * from './jwt';
export * from './principal';
export * from './roles';
export * from './jwks';
