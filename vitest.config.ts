// Test projects: unit (pure and in-process), db on PGlite, db on PostgreSQL (when reachable or CI), e2e in Chromium.
import { defineConfig } from 'vitest/config';

const pgUrl = process.env.TEST_DATABASE_URL ?? (process.env.CI ? 'postgres://postgres@127.0.0.1:5432/test' : undefined);
const dbTests = ['src/**/*.db.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
          exclude: dbTests,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db-pglite',
          include: dbTests,
          environment: 'node',
          env: { TEST_DB_KIND: 'pglite' },
          globalSetup: ['src/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(pgUrl
        ? [{
            test: {
              name: 'db-postgres',
              include: dbTests,
              environment: 'node' as const,
              env: { TEST_DB_KIND: 'postgres', TEST_DATABASE_URL: pgUrl },
              globalSetup: ['src/server/test/global-setup.ts'],
              testTimeout: 30_000,
              hookTimeout: 60_000,
            },
          }]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
