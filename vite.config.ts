/**
 * @module Builds the public elements (dist/elements/): the full entry `integration-elements.js`, the lazy
 * `integration-elements-loader.js`, the content-hashed chunks they share, precompressed siblings
 * and a build stamp (scripts/elements-build.ts),
 * and holds the vitest settings for the Node-side tests (db, bff, machines).
 *
 * Decorators: tsconfig uses legacy `experimentalDecorators`, which Vite 8's Oxc lowers itself
 * (TC39 decorators would stay untransformed and break in Chromium; see shared TOOLING.md).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BuildEnvironmentOptions } from 'vite';
import { defineConfig } from 'vitest/config';
import { elementsBuildPlugin } from './scripts/elements-build.js';
import { minifyTemplatesPlugin } from './scripts/minify-templates.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * What every element needs, grouped in one chunk: Lit (of lit-html's directives only `repeat`, which the
 * lists and toasts use; the others stay with the wizard code that uses them), @lit/context, the API
 * client, the events and the tokens. Not the toasts (a list loads its region with its first toast), not the
 * loader's registry: a page without elements downloads the loader alone.
 */
const CORE_MODULES = /node_modules[\\/](lit-element|@lit[\\/](reactive-element|context))[\\/]|node_modules[\\/](lit|lit-html)[\\/](index|lit-html|is-server|decorators|directive|directive-helpers|directives[\\/]repeat)\.js|web-components[\\/](api|events|styles[\\/]tokens)[\\/.]/;

/** One ES module entry (file name `name`.js) with its chunks, as both builds write them. */
function elementsBuild(name: string, entry: string, { emptyOutDir, oneFile }: { emptyOutDir: boolean; oneFile: boolean }): BuildEnvironmentOptions {
  return {
    outDir: 'dist/elements',
    emptyOutDir,
    target: 'es2022',
    minify: true,
    // Maps are written but not linked from the code: the BFF serves them (with a SourceMap header)
    // in demo mode only, so production never publishes the source.
    sourcemap: 'hidden',
    lib: { entry: { [name]: entry }, formats: ['es'], fileName: (_format, entryName) => `${entryName}.js` },
    rolldownOptions: {
      // The precompression plugin spends seconds on brotli's best on purpose (once per build, so the
      // server never compresses); rolldown's "slow plugin" notice would only be noise.
      checks: { bundlerTimings: false },
      output: {
        // The BFF caches `-[hash]` names for a year (bff/elements-assets.ts relies on this pattern).
        chunkFileNames: '[name]-[hash].js',
        // Vite leaves a library's ES output unminified in whitespace (for its pure annotations); ours is
        // served to browsers as is, so the output is minified whole.
        minify: true,
        // The full entry holds every element already: its dynamic imports (a wizard's steps) stay inside it.
        codeSplitting: oneFile ? false : {
          // One chunk rather than a dozen small ones: one request, and brotli compresses the whole better.
          groups: [
            { name: 'core', test: CORE_MODULES },
            // The wizards' text and select fields (and the lit directives only they use): both wizards' first
            // steps render them, so one chunk rather than three small ones (0.3 KB brotli less before PSA step 1).
            { name: 'fields', test: /wizards[\\/]shared[\\/]fields[\\/](field-base|field\.styles|field-change-event|text-field|select-field)\.ts|node_modules[\\/](lit|lit-html)[\\/]directives[\\/](live|if-defined)\.js/ },
            // What both list panels (<integration-list>, <organization-applications>) share.
            { name: 'panels', test: /web-components[\\/](styles[\\/]panel\.styles|elements[\\/]shared[\\/])/ },
          ],
        },
      },
    },
  };
}

/**
 * Two builds into dist/elements: first the lazy `integration-elements-loader.js` and the chunks it
 * loads per element and per wizard step; then, into the same folder, the full `integration-elements.js`
 * (every tag and class in one file, as hosts always loaded it), built apart so it stays one file
 * rather than a mesh of the loader's chunks.
 */
export default defineConfig({
  plugins: [
    minifyTemplatesPlugin(),
    elementsBuildPlugin(root, { build: elementsBuild('integration-elements', 'web-components/define.ts', { emptyOutDir: false, oneFile: true }), plugins: [minifyTemplatesPlugin()] }),
  ],
  build: elementsBuild('integration-elements-loader', 'web-components/loader.ts', { emptyOutDir: true, oneFile: false }),
  test: {
    include: ['test/**/*.test.ts'],
    // test/scale-out needs PostgreSQL and several processes: test/vitest.pg.config.ts runs it.
    exclude: ['test/**/*.browser.test.ts', 'test/e2e/**', 'test/scale-out/**', 'node_modules/**'],
    pool: 'forks',
    // vitest's default is cores − 1 workers: one on this 2-core machine, which leaves a core idle
    // while most tests wait on HTTP, the database or a timer. At least three keep both cores busy
    // (the SQLite pass took about half the time in the same load; four made the PostgreSQL pass's
    // tightest time-outs fail). Files share nothing: each test app has its own temp database and
    // ports are chosen by the OS.
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
