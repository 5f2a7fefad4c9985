export * from './bootstrap';
export * from './define-service';
export * from './readiness';
export * from './service-descriptor';
export * from './service-runtime.module';
export * from './tokens';
export * from './periodic-job';
