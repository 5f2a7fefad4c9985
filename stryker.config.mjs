// `npm run mutation`: mutation testing of every service's domain/ folder (the rules of ../shared/domain.md live there)
// against its unit tests. Not part of `npm test`; tools/mutation-report.mjs prints the score per service.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // Mutants of module-level constants (rule tables, source strings) need the whole suite per mutant: about 12 s each
  // on 2 cores, over an hour for 460 of them. They are left out of the score; the tables' values are asserted by the
  // literal-value tests instead.
  ignoreStatic: true,
  mutate: ['apps/*/src/**/domain/**/*.ts', '!apps/*/src/**/domain/**/*.spec.ts'],
  ignorePatterns: ['dist', '.cache', 'bench/results', 'docs', 'deploy', 'reports', '.nx'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  concurrency: 2,
  timeoutMS: 10_000,
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.cache/stryker-tmp',
  cleanTempDir: 'always',
};
