#!/usr/bin/env node
// `npm test`: lint and type-check, then every vitest project. With CI=true the PostgreSQL suite and the
// browser tests are required; outside CI a missing Chromium skips the browser tests with a printed reason.
//
// Two lanes at once, so that both cores of a small CI machine stay busy: the browser tests (the longest part,
// mostly waiting on Chromium and the demo server) start right after the web build, while the other lane runs
// lint, type-check, and the unit and database suites. The browser lane's output is prefixed with "e2e │".
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const reports = mkdtempSync(join(tmpdir(), 'dk-test-'));
/** The browser lane, while it runs (ended when the other lane fails or the run is interrupted). */
let e2eChild;
const stopBrowserLane = () => {
  if (!e2eChild || e2eChild.exitCode !== null || e2eChild.signalCode !== null) return;
  try {
    process.kill(-e2eChild.pid, 'SIGTERM'); // its own process group: npx, vitest and its workers
  } catch {
    // already gone
  }
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopBrowserLane();
    process.exit(130);
  });
}

/** Runs a command with the terminal as its output; asynchronous, so the browser lane's output keeps flowing. */
const run = (cmd, args) =>
  new Promise((resolve) => spawn(cmd, args, { stdio: 'inherit', env: process.env }).on('close', (code) => resolve(code ?? 1)));

function fail(name, status) {
  console.error(`✖ ${name} failed`);
  stopBrowserLane();
  process.exit(status);
}

async function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const status = await run(cmd, args);
  if (status !== 0) fail(name, status);
}

const vitestArgs = (projects, out) => ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];

/** The browser tests in their own vitest process, output prefixed line by line; resolves to the exit status. */
function startBrowserLane(out) {
  console.log('\n▶ vitest: e2e (beside the other lane; its lines start with "e2e │")');
  e2eChild = spawn('npx', vitestArgs(['e2e'], out), { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: process.env });
  for (const [stream, sink] of [[e2eChild.stdout, process.stdout], [e2eChild.stderr, process.stderr]]) {
    createInterface({ input: stream }).on('line', (line) => sink.write(`e2e │ ${line}\n`));
  }
  return new Promise((resolve) => e2eChild.on('close', (code) => resolve(code ?? 1)));
}

function counts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

let browserLane = Promise.resolve(0);
const e2eOut = join(reports, 'e2e.json');
if (existsSync(chromium)) {
  await step('build web for browser tests', 'npx', ['vite', 'build', '--logLevel', 'warn']);
  browserLane = startBrowserLane(e2eOut);
} else if (ci) {
  console.error(`✖ CI requires the browser tests, but ${chromium} is missing (apt-get install chromium).`);
  process.exit(1);
} else {
  console.log(`ℹ Browser tests skipped: ${chromium} not found (apt-get install chromium to run them).`);
}

await step('lint (eslint)', 'npx', ['eslint', '.']);
await step('type-check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);

const projects = ['unit', 'db-pglite'];
if (ci || process.env.TEST_DATABASE_URL) projects.push('db-postgres');
else console.log('ℹ PostgreSQL suite skipped: set TEST_DATABASE_URL (or CI=true) to run it against a real PostgreSQL.');

const mainOut = join(reports, 'vitest.json');
console.log(`\n▶ vitest: ${projects.join(', ')}`);
const status = await run('npx', vitestArgs(projects, mainOut));
if (e2eChild && e2eChild.exitCode === null) console.log('\n… waiting for the browser tests');
const e2eStatus = await browserLane;

const a = counts(mainOut);
const b = counts(e2eOut);
const passed = a.passed + b.passed, failed = a.failed + b.failed, skipped = a.skipped + b.skipped;
const overall = status !== 0 ? status : e2eStatus;
if (overall === 0 && passed === 0) {
  console.error('✖ no test ran');
  process.exit(1);
}
if (e2eChild && e2eStatus !== 0) console.error(`✖ browser tests failed (exit ${e2eStatus})`);
if (status !== 0) console.error(`✖ vitest (${projects.join(', ')}) failed (exit ${status})`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(overall);
