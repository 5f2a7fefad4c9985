import { readdirSync } from 'node:fs';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

/**
 * Inside a service, features depend one way: each may import the features listed before it, never those after it
 * (what two features both need moves down, see ../shared/style.md). `database/` (migrations) sits above them all.
 */
const FEATURE_LAYERS = {
  'analytics-svc': ['projection', 'kpi', 'improvement', 'dashboard'],
  'claims-svc': ['replica', 'claim'],
  'compliance-svc': ['audit', 'monitoring', 'cases', 'reports'],
  'contract-svc': ['product-replica', 'party-replica', 'underwriting', 'archive', 'policy', 'premium'],
  'customer-svc': ['customer', 'staff', 'service-desk', 'survey', 'portfolio', 'data-subject'],
  'sales-svc': [
    'regulation',
    'customer-replica',
    'policy-replica',
    'product',
    'salesperson',
    'suitability',
    'quote',
    'proposal',
    'return-visit',
    'portfolio',
  ],
};

/** A service's domain is plain TypeScript: its rules run and are tested without Nest, TypeORM, Kafka or I/O. */
const DOMAIN_RESTRICTIONS = {
  group: [
    '@nestjs/*',
    'typeorm',
    'pg',
    'kafkajs',
    'node:fs*',
    'node:http*',
    'node:net',
    '@insurer/platform-*',
    '!@insurer/platform-time',
    '!@insurer/platform-errors',
    // Pure formatting over texts: a rule words what it found (compliance's alert texts) as it always wrote it.
    '!@insurer/platform-i18n',
    '**/application/**',
    '**/infrastructure/**',
    '**/interface/**',
  ],
  message: 'domain/ is plain TypeScript: no framework, I/O or outer layer',
};

function featureLayers() {
  const configs = [];
  for (const [service, features] of Object.entries(FEATURE_LAYERS)) {
    // A feature folder missing from the table would escape the rule: refuse to lint until it has its place.
    const folders = readdirSync(new URL(`./apps/${service}/src/`, import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'database')
      .map((d) => d.name);
    const unplaced = folders.filter((f) => !features.includes(f));
    if (unplaced.length)
      throw new Error(
        `eslint.config.mjs: give ${service}'s ${unplaced.join(', ')} a place in FEATURE_LAYERS`,
      );
    features.forEach((feature, rank) => {
      const above = [...features.slice(rank + 1), 'database'];
      const upward = {
        group: above.map((f) => `**/${f}/**`),
        message: `${feature} is below ${above.join(', ')} in ${service}: depend downward only (eslint.config.mjs FEATURE_LAYERS)`,
      };
      const base = `apps/${service}/src/${feature}`;
      configs.push(
        { files: [`${base}/**/*.ts`], rules: { 'no-restricted-imports': ['error', { patterns: [upward] }] } },
        {
          files: [`${base}/**/domain/**/*.ts`],
          rules: { 'no-restricted-imports': ['error', { patterns: [upward, DOMAIN_RESTRICTIONS] }] },
        },
      );
    });
  }
  return configs;
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '.cache', '.nx', 'coverage', 'bench/results'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      // An app depends on its own scope and the shared libraries only; contracts depend on nothing of ours.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
            { sourceTag: 'scope:customer', onlyDependOnLibsWithTags: ['scope:customer', 'scope:shared'] },
            { sourceTag: 'scope:sales', onlyDependOnLibsWithTags: ['scope:sales', 'scope:shared'] },
            { sourceTag: 'scope:contract', onlyDependOnLibsWithTags: ['scope:contract', 'scope:shared'] },
            { sourceTag: 'scope:claims', onlyDependOnLibsWithTags: ['scope:claims', 'scope:shared'] },
            { sourceTag: 'scope:compliance', onlyDependOnLibsWithTags: ['scope:compliance', 'scope:shared'] },
            { sourceTag: 'scope:analytics', onlyDependOnLibsWithTags: ['scope:analytics', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // libs/contracts is published to integrators: zod only, nothing of Nest, TypeORM or the platform.
    files: ['libs/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', '@insurer/platform-*'] },
      ],
    },
  },
  ...featureLayers(),
  {
    // A transaction is opened with `transaction(dataSource, context, work)` (or `inTransaction`), so the events it
    // publishes carry the request's or the event's correlation id; a bare TypeORM transaction would drop it. And no
    // AsyncLocalStorage: once used, its promise hooks run for every promise in the process (10-15% of a read's CPU).
    files: ['apps/**/*.ts', 'libs/platform/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', 'libs/platform/database/src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='AsyncLocalStorage']",
          message:
            'pass the request or event context along instead (see RequestContext): its hooks slow every promise',
        },
        {
          selector:
            "CallExpression[callee.property.name='transaction'][callee.object.property.name=/^(dataSource|manager)$/], CallExpression[callee.property.name='transaction'][callee.object.name=/^(dataSource|m|manager)$/]",
          message:
            'open a transaction with transaction(dataSource, context, work) from @insurer/platform-database, naming what it is done for',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
];
