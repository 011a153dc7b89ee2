/**
 * @module `npm start`'s first step: builds the elements only when a source that went into the last
 * build changed (content hashes, see elements-build.ts), so a restart costs no build. A fresh
 * clone has no build yet and gets one. `--check` only reports: exit 0 current, 1 stale.
 * The bundle bench (test/bench/bundle-download-bench.ts) calls `buildElementsIfStale` the same way.
 */
import { fileURLToPath } from 'node:url';
import { staleReason } from './elements-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds dist/elements when it is missing or stale; says which on stdout. Resolves once the build is current. */
export async function buildElementsIfStale(): Promise<void> {
  const reason = staleReason(root);
  if (!reason) {
    process.stdout.write('Elements build is current; not rebuilding.\n');
    return;
  }
  process.stdout.write(`Building the elements (${reason})…\n`);
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const reason = staleReason(root);
  if (process.argv.includes('--check')) {
    process.stdout.write(reason ? `Elements build is stale: ${reason}.\n` : 'Elements build is current; not rebuilding.\n');
    if (reason) process.exitCode = 1;
  } else {
    await buildElementsIfStale();
  }
}
