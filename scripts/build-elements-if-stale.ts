/**
 * @module `npm start`'s first step: builds the elements only when a source that went into the last
 * build changed (content hashes, see elements-build.ts), so a restart costs no build. A fresh
 * clone has no build yet and gets one. `--check` only reports: exit 0 current, 1 stale.
 */
import { fileURLToPath } from 'node:url';
import { staleReason } from './elements-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const reason = staleReason(root);
if (!reason) {
  process.stdout.write('Elements build is current; not rebuilding.\n');
} else if (process.argv.includes('--check')) {
  process.stdout.write(`Elements build is stale: ${reason}.\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`Building the elements (${reason})…\n`);
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
}
