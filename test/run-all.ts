/**
 * @module `npm test`: finds Chromium (CHROME_PATH, then /usr/bin/chromium) or stops with a one-line
 * instruction, then runs typecheck, the Node tests (vitest), the browser tests (@web/test-runner)
 * and the end-to-end walks, and closes with one "N passed, N failed" line over all of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUnavailable } from './helpers/test-database.js';

const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(chrome)) {
  process.stderr.write(`Chromium not found at ${chrome}: install it (apt-get install -y chromium) or set CHROME_PATH.\n`);
  process.exit(1);
}
const env: NodeJS.ProcessEnv = { ...process.env, CHROME_PATH: chrome };
const out = mkdtempSync(join(tmpdir(), 'ih-results-'));
const totals = { passed: 0, failed: 0 };
const failedSteps: string[] = [];

function run(step: string, command: string, args: string[], resultFile?: string, read?: (json: any) => { passed: number; failed: number }) {
  process.stdout.write(`\n=== ${step}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  let counts = { passed: 0, failed: 0 };
  if (resultFile && read && existsSync(resultFile)) counts = read(JSON.parse(readFileSync(resultFile, 'utf8')));
  if (result.status !== 0 && counts.failed === 0) counts.failed = 1; // a crash or a type error counts as a failure
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (result.status !== 0) failedSteps.push(step);
  process.stdout.write(`=== ${step}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${counts.passed} passed, ${counts.failed} failed)\n`);
}

const vitestCounts = (json: any) => ({ passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 });
const npx = 'npx';

run('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('unit and integration (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'vitest.json')}`], join(out, 'vitest.json'), vitestCounts);
// The same repository, routing and BFF suites on PostgreSQL (fresh schema per test app). Skipped with
// one line only when no server answers; CI sets REQUIRE_POSTGRES, so there a missing server fails.
const pgDown = await postgresUnavailable();
if (pgDown && !process.env.REQUIRE_POSTGRES) {
  process.stdout.write(`\n=== PostgreSQL (vitest): skipped: ${pgDown}\n`);
} else if (pgDown) {
  process.stdout.write(`\n=== PostgreSQL (vitest): FAILED: ${pgDown}\n`);
  totals.failed++;
  failedSteps.push('PostgreSQL (vitest)');
} else {
  run('PostgreSQL (vitest)', npx, ['vitest', 'run', '--config', 'test/vitest.pg.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'vitest-pg.json')}`], join(out, 'vitest-pg.json'), vitestCounts);
}
run('build elements', npx, ['vite', 'build', '--logLevel', 'warn']);
env.WTR_RESULTS_FILE = join(out, 'wtr.json');
run('browser (web-test-runner)', npx, ['web-test-runner', '--config', 'test/web-test-runner.config.mjs'], join(out, 'wtr.json'), (j) => ({ passed: j.passed ?? 0, failed: j.failed ?? 0 }));
run('end to end (Chromium)', npx, ['vitest', 'run', '--config', 'test/e2e/vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'e2e.json')}`], join(out, 'e2e.json'), vitestCounts);

process.stdout.write(`\n${failedSteps.length ? `Failed steps: ${failedSteps.join(', ')}` : 'All steps passed.'}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(failedSteps.length ? 1 : 0);
