import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';

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
  {
    // A service's domain is plain TypeScript: its rules run and are tested without Nest, TypeORM, Kafka or I/O.
    files: ['apps/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
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
                '**/application/**',
                '**/infrastructure/**',
                '**/interface/**',
              ],
              message: 'domain/ is plain TypeScript: no framework, I/O or outer layer',
            },
          ],
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
