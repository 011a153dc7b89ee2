/**
 * @module `npm start`, in plain JavaScript: one bare `node` process that rebuilds what is stale
 * (the elements with vite, the server with esbuild; each only when a source that went into its
 * last build changed) and then runs the built server in this same process. A restart with
 * nothing changed costs two stamp checks, not a build nor a TypeScript loader.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildStaleReason } from './build-stamp.mjs';
import { buildServer, SERVER_OUT_DIR, serverStaleReason } from './server-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The same stamp scripts/elements-build.ts writes (its STAMP_FILE and ELEMENTS_OUT_DIR).
const elementsStale = buildStaleReason(root, 'dist/elements-build.json', 'dist/elements');
if (elementsStale) {
  process.stdout.write(`Building the elements (${elementsStale})…\n`);
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn' });
}
const serverStale = serverStaleReason(root);
if (serverStale) {
  process.stdout.write(`Building the server (${serverStale})…\n`);
  await buildServer(root);
}
await import(pathToFileURL(join(root, SERVER_OUT_DIR, 'main.mjs')).href);
