// Browser tests: one Digikompass server on a free port, in-memory PGlite with the demo data and Gol's T0 release.
import type { TestProject } from 'vitest/node';
import { startServer } from '../src/server/server.js';

let close: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  // Every browser test logs in to the same few demo accounts within minutes, far more often than a person would:
  // the per-account login and code limits are raised here (the route tests check the real ones).
  const perAccount = { limit: 200, windowSeconds: 15 * 60 };
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    seed: 'demo',
    log: false,
    rateLimits: { loginPerEmail: perAccount, secondFactorPerAccount: perAccount },
    // No background jobs: building every demo municipality's release would compete with the tests for the CPU.
    // The releases the browser tests look at (Gol's T0 with its benchmarks and Hallingdal's) are built here.
    jobs: false,
  });
  const t0 = await server.db.selectFrom('wave').select('id').where('label', '=', 'T0').executeTakeFirstOrThrow();
  const gol = await server.db.selectFrom('municipality').select('id').where('name', '=', 'Gol').executeTakeFirstOrThrow();
  await server.services.releases.buildFor(t0.id, gol.id, { early: false, by: null });
  close = server.close;
  project.provide('baseUrl', server.url);
}

export async function teardown() {
  await close?.();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
