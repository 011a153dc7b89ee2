/**
 * `npm start` rebuilds the elements only when needed (issue 11, item 13): the build stamp records a
 * hash of every source that went into the bundle, and any change, removal or missing output makes
 * the build stale. Runs on a temp folder shaped like the repo.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ELEMENTS_OUT_DIR, staleReason, writeStamp } from '../../scripts/elements-build.js';

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ih-stamp-'));
  write('web-components/define.ts', 'export {};\n');
  write('bff/contracts/credentials.ts', 'export const x = 1;\n');
  write('vite.config.ts', 'export default {};\n');
  write('package-lock.json', '{}\n');
  write(`${ELEMENTS_OUT_DIR}/integration-elements.js`, 'built\n');
  writeStamp(root, ['web-components/define.ts', 'bff/contracts/credentials.ts'], ['integration-elements.js']);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the elements build stamp', () => {
  it('finds a fresh build current, even when a checkout touched every mtime', () => {
    const later = new Date(Date.now() + 60_000);
    for (const f of ['web-components/define.ts', 'vite.config.ts']) utimesSync(join(root, f), later, later);
    expect(staleReason(root)).toBeUndefined();
  });

  it('has no build on a fresh clone', () => {
    rmSync(join(root, 'dist'), { recursive: true });
    expect(staleReason(root)).toBe('no build yet');
  });

  it('is stale once a bundled source changes', () => {
    write('bff/contracts/credentials.ts', 'export const x = 2;\n');
    expect(staleReason(root)).toBe('bff/contracts/credentials.ts changed');
  });

  it('is stale once the build configuration or the dependencies change', () => {
    write('package-lock.json', '{"lockfileVersion":3}\n');
    expect(staleReason(root)).toBe('package-lock.json changed');
  });

  it('is stale when a source is gone or an output is missing', () => {
    unlinkSync(join(root, 'web-components/define.ts'));
    expect(staleReason(root)).toBe('web-components/define.ts is gone');
    write('web-components/define.ts', 'export {};\n');
    unlinkSync(join(root, ELEMENTS_OUT_DIR, 'integration-elements.js'));
    expect(staleReason(root)).toBe(`${ELEMENTS_OUT_DIR}/integration-elements.js is missing`);
  });
});
