/**
 * @module Builds the public elements into one ES module (dist/elements/) that a host page loads
 * (plus content-hashed lazy chunks, precompressed siblings and a build stamp: scripts/elements-build.ts),
 * and holds the vitest settings for the Node-side tests (db, bff, machines).
 *
 * Decorators: tsconfig uses legacy `experimentalDecorators`, which Vite 8's Oxc lowers itself
 * (TC39 decorators would stay untransformed and break in Chromium; see shared TOOLING.md).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { elementsBuildPlugin } from './scripts/elements-build.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [elementsBuildPlugin(root)],
  build: {
    outDir: 'dist/elements',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    // Maps are written but not linked from the code: the BFF serves them (with a SourceMap header)
    // in demo mode only, so production never publishes the source.
    sourcemap: 'hidden',
    lib: {
      entry: 'web-components/define.ts',
      formats: ['es'],
      fileName: () => 'integration-elements.js',
    },
    rolldownOptions: {
      // The precompression plugin spends seconds on brotli's best on purpose (once per build, so the
      // server never compresses); rolldown's "slow plugin" notice would only be noise.
      checks: { bundlerTimings: false },
      // The BFF caches `-[hash]` names for a year (bff/elements-assets.ts relies on this pattern).
      output: { chunkFileNames: '[name]-[hash].js' },
    },
  },
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
