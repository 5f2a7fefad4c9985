// The unit tests of the services' domain code, for mutation testing (stryker.config.mjs): only the specs beside the
// code Stryker mutates, so each mutant runs the tests that can kill it and nothing slower.
module.exports = {
  ...require('./jest.preset'),
  displayName: 'mutation',
  testMatch: ['<rootDir>/apps/*/src/**/domain/**/*.spec.ts'],
};
