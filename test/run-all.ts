/**
 * @module `npm test`: finds Chromium (CHROME_PATH, then /usr/bin/chromium) or stops with a one-line
 * instruction, then runs the Node tests (vitest, SQLite then PostgreSQL), builds the elements, and
 * runs the typecheck, the browser tests (@web/test-runner) and the end-to-end walks side by side; it
 * closes with one "N passed, N failed" line over all of them.
 *
 * Why side by side: the browser tests and the walks (two files at a time each) mostly wait on
 * Chromium and timers, and the typecheck needs one core for about 25 s, so together they take about
 * as long as the longest of them. The vitest passes keep the machine to themselves: they run several
 * files at once, and their vendor time-outs are tight.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
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

interface Step {
  name: string;
  command: string;
  args: string[];
  resultFile?: string;
  read?: (json: any) => { passed: number; failed: number };
  env?: NodeJS.ProcessEnv;
}

/** Adds a finished step's counts to the totals and prints its closing line. */
function record(step: Step, status: number | null, started: number) {
  let counts = { passed: 0, failed: 0 };
  if (step.resultFile && step.read && existsSync(step.resultFile)) counts = step.read(JSON.parse(readFileSync(step.resultFile, 'utf8')));
  if (status !== 0 && counts.failed === 0) counts.failed = 1; // a crash or a type error counts as a failure
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  if (status !== 0) failedSteps.push(step.name);
  process.stdout.write(`=== ${step.name}: ${status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${counts.passed} passed, ${counts.failed} failed)\n`);
}

const header = (step: Step) => `\n=== ${step.name}: ${step.command} ${step.args.join(' ')}\n`;

/** Runs one step alone, its output straight to the terminal. */
function run(step: Step) {
  process.stdout.write(header(step));
  const started = Date.now();
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: step.env ?? env });
  record(step, result.status, started);
}

/**
 * Runs steps at the same time. Each one's output goes to a file and is printed whole, under its
 * header, when it ends, so the steps' lines never interleave.
 */
async function runTogether(steps: Step[]) {
  process.stdout.write(`\n=== at the same time: ${steps.map((s) => s.name).join('; ')}\n`);
  await Promise.all(steps.map((step, i) => new Promise<void>((resolve) => {
    const started = Date.now();
    const log = join(out, `step-${i}.log`);
    const fd = openSync(log, 'w');
    const child = spawn(step.command, step.args, { stdio: ['ignore', fd, fd], env: step.env ?? env });
    let done = false;
    const finish = (status: number | null, error?: Error) => {
      if (done) return;
      done = true;
      closeSync(fd);
      process.stdout.write(header(step));
      process.stdout.write(readFileSync(log));
      if (error) process.stdout.write(`${error.message}\n`);
      record(step, status, started);
      resolve();
    };
    child.on('error', (error) => finish(1, error));
    child.on('close', (code) => finish(code));
  })));
}

const vitestCounts = (json: any) => ({ passed: json.numPassedTests ?? 0, failed: json.numFailedTests ?? 0 });
const npx = 'npx';

run({ name: 'unit and integration (vitest)', command: npx, args: ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'vitest.json')}`], resultFile: join(out, 'vitest.json'), read: vitestCounts });
// The same repository, routing and BFF suites on PostgreSQL (a schema of its own per test app). Skipped
// with one line only when no server answers; CI sets REQUIRE_POSTGRES, so there a missing server fails.
const pgDown = await postgresUnavailable();
if (pgDown && !process.env.REQUIRE_POSTGRES) {
  process.stdout.write(`\n=== PostgreSQL (vitest): skipped: ${pgDown}\n`);
} else if (pgDown) {
  process.stdout.write(`\n=== PostgreSQL (vitest): FAILED: ${pgDown}\n`);
  totals.failed++;
  failedSteps.push('PostgreSQL (vitest)');
} else {
  run({ name: 'PostgreSQL (vitest)', command: npx, args: ['vitest', 'run', '--config', 'test/vitest.pg.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'vitest-pg.json')}`], resultFile: join(out, 'vitest-pg.json'), read: vitestCounts });
}
run({ name: 'build elements', command: npx, args: ['vite', 'build', '--logLevel', 'warn'] });
await runTogether([
  { name: 'typecheck', command: npx, args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  {
    name: 'browser (web-test-runner)', command: npx, args: ['web-test-runner', '--config', 'test/web-test-runner.config.mjs'],
    env: { ...env, WTR_RESULTS_FILE: join(out, 'wtr.json') }, resultFile: join(out, 'wtr.json'), read: (j) => ({ passed: j.passed ?? 0, failed: j.failed ?? 0 }),
  },
  { name: 'end to end (Chromium)', command: npx, args: ['vitest', 'run', '--config', 'test/e2e/vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${join(out, 'e2e.json')}`], resultFile: join(out, 'e2e.json'), read: vitestCounts },
]);

process.stdout.write(`\n${failedSteps.length ? `Failed steps: ${failedSteps.join(', ')}` : 'All steps passed.'}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(failedSteps.length ? 1 : 0);
