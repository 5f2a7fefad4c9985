// Integration and end-to-end tests against the real Postgres and Kafka that `npm test` starts. They share one broker
// (and one test restarts it), so they run one file at a time.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'integration',
  testMatch: ['<rootDir>/{apps,libs,tools,e2e}/**/*.int-spec.ts'],
  maxWorkers: 1,
  testTimeout: 120_000,
  slowTestThreshold: 30,
  // kafkajs and pg release sockets and timers asynchronously after disconnect(); --detectOpenHandles finds none left,
  // but jest's one-second exit check can still see them closing. A CI run must never hang on that.
  forceExit: true,
};
