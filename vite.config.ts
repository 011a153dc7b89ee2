/**
 * @module Builds the public elements (dist/elements/): the full entry `integration-elements.js`, the lazy
 * `integration-elements-loader.js`, the content-hashed chunks they share, precompressed siblings
 * and a build stamp (scripts/elements-build.ts),
 * and holds the vitest settings for the Node-side tests (db, bff, machines).
 *
 * Decorators: tsconfig uses legacy `experimentalDecorators`, which Vite 8's Oxc lowers itself
 * (TC39 decorators would stay untransformed and break in Chromium; see shared TOOLING.md).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { elementsBuildPlugin } from './scripts/elements-build.js';
import { minifyTemplatesPlugin } from './scripts/minify-templates.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [minifyTemplatesPlugin(), elementsBuildPlugin(root)],
  build: {
    outDir: 'dist/elements',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // Maps are written but not linked from the code: the BFF serves them (with a SourceMap header)
    // in demo mode only, so production never publishes the source.
    sourcemap: 'hidden',
    lib: {
      // Two entries sharing their chunks: the full one registers every tag and exports the classes;
      // the loader registers each tag (and a wizard each step) when first shown.
      entry: {
        'integration-elements': 'web-components/define.ts',
        'integration-elements-loader': 'web-components/loader.ts',
      },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      // The precompression plugin spends seconds on brotli's best on purpose (once per build, so the
      // server never compresses); rolldown's "slow plugin" notice would only be noise.
      checks: { bundlerTimings: false },
      // The BFF caches `-[hash]` names for a year (bff/elements-assets.ts relies on this pattern).
      output: { chunkFileNames: '[name]-[hash].js', minify: true },
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    // test/scale-out needs PostgreSQL and several processes: test/vitest.pg.config.ts runs it.
    exclude: ['test/**/*.browser.test.ts', 'test/e2e/**', 'test/scale-out/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
