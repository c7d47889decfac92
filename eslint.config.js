// Lint: strict typescript-eslint, and the rule that keeps src/domain pure (no I/O, no server/web imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'crypto', 'child_process', 'os',
  'pg', 'kysely', 'kysely-*', '@electric-sql/*', 'fastify', '@fastify/*', 'react', 'react-dom', 'nodemailer',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ioModules, message: 'src/domain is pure: no I/O, database, network or UI imports.' },
          { group: ['**/server/**', '**/web/**'], message: 'src/domain may not import from server or web.' },
        ],
      }],
      'no-restricted-globals': ['error', 'fetch', 'process', 'localStorage', 'window', 'document'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
