/**
 * `npm run bench [-- --smoke]`: every benchmark in turn, each in its own process (so one's memory and
 * event loop do not colour the next), with the same arguments. Add a new benchmark file to the list.
 */
import { spawnSync } from 'node:child_process';

const benchmarks = ['bench/run.ts', 'bench/linking.ts', 'bench/statistics.ts', 'bench/export.ts', 'bench/results.ts'];

for (const file of benchmarks) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
  console.log('');
}
