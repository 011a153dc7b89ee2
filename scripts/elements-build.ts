/**
 * @module The elements build's bookkeeping, shared by vite.config.ts and `npm start`:
 * - `elementsBuildPlugin()` precompresses every emitted file (`.br` at brotli's best, `.gz`) so the
 *   server never compresses per request, runs the full entry's own build after the loader's, and
 *   writes `dist/elements-build.json`: a hash of every source file that went into either build plus
 *   the builds' own configuration and lockfile;
 * - `staleReason()` says why the build is out of date (or undefined when it is current), so
 *   `npm start` rebuilds only when a source changed, without trusting mtimes (a checkout changes them).
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { writeFile } from 'node:fs/promises';
import { build, type BuildEnvironmentOptions, type Plugin } from 'vite';
import { buildStaleReason, writeBuildStamp } from './build-stamp.mjs';

export const ELEMENTS_OUT_DIR = 'dist/elements';
export const STAMP_FILE = 'dist/elements-build.json';
/** What shapes the bundle besides its modules: a change in any of these rebuilds too. */
const BUILD_INPUTS = ['vite.config.ts', 'scripts/elements-build.ts', 'scripts/minify-templates.ts', 'scripts/build-stamp.mjs', 'package-lock.json', 'tsconfig.json'];

/** Records what a build read (repo-relative paths; the build's own inputs are added) and wrote. */
export function writeStamp(root: string, sources: Iterable<string>, outputs: string[]): void {
  writeBuildStamp(root, STAMP_FILE, BUILD_INPUTS, sources, outputs);
}

/** Why `root`'s elements build is stale, or undefined when every input and output is as built. */
export function staleReason(root: string): string | undefined {
  return buildStaleReason(root, STAMP_FILE, ELEMENTS_OUT_DIR);
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What the builds of one `vite build` read and wrote, gathered for the one stamp written at the end. */
interface Collected { sources: Set<string>; outputs: string[] }

/**
 * The vite plugin: precompressed siblings for every emitted file, then the stamp. With `then`, a
 * second build (the full entry: one file, as hosts always loaded it) runs into the same folder once
 * this one is written, with the same template minifier and precompression, and the stamp covers both.
 */
export function elementsBuildPlugin(root: string, then?: { build: BuildEnvironmentOptions; plugins: Plugin[] }, collected?: Collected): Plugin {
  const own = collected ?? { sources: new Set<string>(), outputs: [] };
  return {
    name: 'integration-hub:elements-build',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? join(root, ELEMENTS_OUT_DIR);
      for (const [fileName, output] of Object.entries(bundle)) {
        own.outputs.push(fileName);
        if (output.type === 'chunk') {
          for (const id of output.moduleIds) {
            const path = id.split('?')[0];
            const rel = relative(root, path);
            if (!isAbsolute(path) || rel.startsWith('..') || rel.split(sep).includes('node_modules')) continue;
            own.sources.add(rel.split(sep).join('/'));
          }
        }
        // Maps are for demo-mode debugging only: not worth brotli's best on a megabyte and a half.
        if (fileName.endsWith('.map')) continue;
        const body = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        // Both at once: zlib works on libuv's thread pool, so the two use both cores.
        const [br, gz] = await Promise.all([
          brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
          gzipAsync(body, { level: 9 }),
        ]);
        await Promise.all([writeFile(join(outDir, `${fileName}.br`), br), writeFile(join(outDir, `${fileName}.gz`), gz)]);
      }
      if (collected) return; // a nested build: the outer one writes the stamp
      if (then) {
        await build({
          configFile: false, root, logLevel: 'warn',
          plugins: [...then.plugins, elementsBuildPlugin(root, undefined, own)],
          build: { ...then.build, outDir, emptyOutDir: false },
        });
      }
      writeStamp(root, own.sources, own.outputs);
    },
  };
}
