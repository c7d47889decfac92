// Browser tests: one Digikompass server on a free port, in-memory PGlite with the demo data.
import type { TestProject } from 'vitest/node';
import { startServer } from '../src/server/server.js';

let close: (() => Promise<void>) | undefined;

export async function setup(project: TestProject) {
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: 'memory://', seed: 'demo', log: false });
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
