/**
 * @module Builds the public elements into one ES module (dist/elements/) that a host page loads,
 * and holds the vitest settings for the Node-side tests (db, bff, machines).
 *
 * Decorators: tsconfig uses legacy `experimentalDecorators`, which Vite 8's Oxc lowers itself
 * (TC39 decorators would stay untransformed and break in Chromium; see shared TOOLING.md).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  build: {
    outDir: 'dist/elements',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'web-components/define.ts',
      formats: ['es'],
      fileName: () => 'integration-elements.js',
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
