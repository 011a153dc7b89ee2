/**
 * @module The server's build for `npm start`: esbuild bundles bff/main.ts (and what it imports
 * from the repo) into dist/server as plain ES modules, so start-up is bare `node` reading a few
 * files instead of tsx compiling some hundreds of modules. Packages stay in node_modules (native
 * better-sqlite3, pg and pino load as they are). Dynamic imports (sandboxes, PostgreSQL) become
 * chunks loaded only when used. Each module's `import.meta.url` keeps meaning its source file, so
 * the migrations, the demo page, package.json and dist/elements are found as from the sources.
 * The build is stamped like the elements' (build-stamp.mjs) and redone only when a source changed.
 */
import { readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buildStaleReason, writeBuildStamp } from './build-stamp.mjs';

export const SERVER_OUT_DIR = 'dist/server';
export const SERVER_STAMP_FILE = 'dist/server-build.json';
export const SERVER_ENTRY = 'bff/main.ts';
/** What shapes the bundle besides its modules. */
const BUILD_INPUTS = ['scripts/server-build.mjs', 'scripts/build-stamp.mjs', 'package-lock.json', 'tsconfig.json'];

/** @param {string} root @returns {string | undefined} */
export function serverStaleReason(root) {
  return buildStaleReason(root, SERVER_STAMP_FILE, SERVER_OUT_DIR);
}

/** @param {string} root */
const sourceUrlPlugin = (root) => ({
  name: 'source-import-meta-url',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.split(sep).includes('node_modules')) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      // Every chunk lands in SERVER_OUT_DIR, so the source is this relative path from any of them.
      const fromOut = relative(join(root, SERVER_OUT_DIR), args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`), loader: 'ts' };
    });
  },
});

/** Builds dist/server and its stamp. @param {string} root */
export async function buildServer(root) {
  const { build } = await import('esbuild');
  await rm(join(root, SERVER_OUT_DIR), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: SERVER_ENTRY },
    outdir: SERVER_OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Pure-JS packages are bundled too (fewer files to resolve and read at start); native or
    // file-loading ones stay in node_modules.
    external: ['better-sqlite3', 'pg', 'pg-native', 'pino', 'prom-client', 'esbuild', 'vite'],
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin(root)],
  });
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.split('/').includes('node_modules'));
  const outputs = Object.keys(result.metafile.outputs).map((file) => relative(SERVER_OUT_DIR, file).split(sep).join('/'));
  writeBuildStamp(root, SERVER_STAMP_FILE, BUILD_INPUTS, sources, outputs);
}
