/**
 * @module A build's stamp, in plain JavaScript so `npm start` checks it with bare `node` (no tsx
 * boot): the stamp records a sha256 of every source that went into a build plus the build's own
 * configuration, and the files it wrote; any change, removal or missing output makes it stale.
 * Content hashes, not mtimes (a checkout changes every mtime). Used by the elements' and the
 * server's builds (scripts/elements-build.ts, scripts/server-build.mjs).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Records what a build read (repo-relative `sources`, plus those of `buildInputs` that exist) and
 * wrote (`outputs`, relative to its output folder) in `stampFile` (repo-relative).
 * @param {string} root @param {string} stampFile @param {string[]} buildInputs
 * @param {Iterable<string>} sources @param {string[]} outputs
 */
export function writeBuildStamp(root, stampFile, buildInputs, sources, outputs) {
  const files = new Set([...buildInputs.filter((f) => existsSync(join(root, f))), ...sources]);
  const stamp = {
    inputs: Object.fromEntries([...files].sort().map((file) => [file, sha256(join(root, file))])),
    outputs: [...outputs].sort(),
  };
  mkdirSync(dirname(join(root, stampFile)), { recursive: true });
  writeFileSync(join(root, stampFile), `${JSON.stringify(stamp, null, 2)}\n`);
}

/**
 * Why the build stamped in `stampFile` is stale, or undefined when every input and output is as built.
 * @param {string} root @param {string} stampFile @param {string} outDir
 * @returns {string | undefined}
 */
export function buildStaleReason(root, stampFile, outDir) {
  const stampPath = join(root, stampFile);
  if (!existsSync(stampPath)) return 'no build yet';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return `${stampFile} is unreadable`;
  }
  for (const [file, hash] of Object.entries(stamp.inputs ?? {})) {
    const path = join(root, file);
    if (!existsSync(path)) return `${file} is gone`;
    if (sha256(path) !== hash) return `${file} changed`;
  }
  for (const file of stamp.outputs ?? []) {
    if (!existsSync(join(root, outDir, file))) return `${outDir}/${file} is missing`;
  }
  if (!stamp.outputs?.length) return 'the last build wrote nothing';
  return undefined;
}
