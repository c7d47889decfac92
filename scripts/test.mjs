#!/usr/bin/env node
// `npm test`: lint and type-check, then every vitest project. With CI=true the PostgreSQL suite and the
// browser tests are required; outside CI a missing Chromium skips the browser tests with a printed reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const status = run(cmd, args);
  if (status !== 0) {
    console.error(`✖ ${name} failed`);
    process.exit(status);
  }
}

step('lint (eslint)', 'npx', ['eslint', '.']);
step('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);

const projects = ['unit', 'db-pglite'];
if (ci || process.env.TEST_DATABASE_URL) projects.push('db-postgres');
else console.log('ℹ PostgreSQL suite skipped: set TEST_DATABASE_URL (or CI=true) to run it against a real PostgreSQL.');

if (existsSync(chromium)) {
  step('build web for browser tests', 'npx', ['vite', 'build', '--logLevel', 'warn']);
  projects.push('e2e');
} else if (ci) {
  console.error(`✖ CI requires the browser tests, but ${chromium} is missing (apt-get install chromium).`);
  process.exit(1);
} else {
  console.log(`ℹ Browser tests skipped: ${chromium} not found (apt-get install chromium to run them).`);
}

const out = join(mkdtempSync(join(tmpdir(), 'dk-test-')), 'vitest.json');
console.log(`\n▶ vitest: ${projects.join(', ')}`);
const status = run('npx', ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);

let passed = 0, failed = 0, skipped = 0;
if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed = r.numPassedTests; failed = r.numFailedTests; skipped = r.numPendingTests + r.numTodoTests;
}
if (status === 0 && passed === 0) {
  console.error('✖ no test ran');
  process.exit(1);
}
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status);
