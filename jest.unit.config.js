// Unit tests: pure domain logic and handlers, no Postgres or Kafka.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,tools,bench}/**/*.spec.ts'],
};
