/**
 * `npm start` runs the server built by esbuild (scripts/server-build.mjs) and rebuilds it only when
 * needed (issue 20, item 3): the stamp records a hash of every source that went into the bundle,
 * and the built modules still find files beside their sources (migrations, the demo page). Runs
 * the real build on a temp folder shaped like the repo.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer, SERVER_OUT_DIR, serverStaleReason } from '../../scripts/server-build.mjs';

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'ih-server-build-'));
  write('package-lock.json', '{}\n');
  write('db/migrations/0000.sql', 'create table t (x);\n');
  write('db/client.ts', "import { readFileSync } from 'node:fs';\nexport const migration = () => readFileSync(new URL('./migrations/0000.sql', import.meta.url), 'utf8');\n");
  write('bff/lazy.ts', "export const lazy = 'loaded when used';\n");
  write('bff/main.ts', "import { migration } from '../db/client.js';\nconst { lazy } = await import('./lazy.js');\nprocess.stdout.write(JSON.stringify({ migration: migration(), lazy }));\n");
  await buildServer(root);
}, 30_000);
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the server build', () => {
  it('runs with bare node and finds files beside its sources', () => {
    const out = execFileSync(process.execPath, [join(root, SERVER_OUT_DIR, 'main.mjs')], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ migration: 'create table t (x);\n', lazy: 'loaded when used' });
  });

  it('is current right after a build, even when a checkout touched every mtime', () => {
    const later = new Date(Date.now() + 60_000);
    for (const f of ['bff/main.ts', 'db/client.ts']) utimesSync(join(root, f), later, later);
    expect(serverStaleReason(root)).toBeUndefined();
  });

  it('has no build on a fresh clone', () => {
    rmSync(join(root, 'dist'), { recursive: true });
    expect(serverStaleReason(root)).toBe('no build yet');
  });

  it('is stale once a bundled source, even a lazily loaded one, or the lockfile changes', () => {
    write('bff/lazy.ts', "export const lazy = 'changed';\n");
    expect(serverStaleReason(root)).toBe('bff/lazy.ts changed');
    write('bff/lazy.ts', "export const lazy = 'loaded when used';\n");
    write('package-lock.json', '{"lockfileVersion":3}\n');
    expect(serverStaleReason(root)).toBe('package-lock.json changed');
  });

  it('is stale when a source is gone or an output is missing', () => {
    unlinkSync(join(root, 'db/client.ts'));
    expect(serverStaleReason(root)).toBe('db/client.ts is gone');
    write('db/client.ts', "import { readFileSync } from 'node:fs';\nexport const migration = () => readFileSync(new URL('./migrations/0000.sql', import.meta.url), 'utf8');\n");
    unlinkSync(join(root, SERVER_OUT_DIR, 'main.mjs'));
    expect(serverStaleReason(root)).toBe(`${SERVER_OUT_DIR}/main.mjs is missing`);
  });
});
