/**
 * @module What each source module contributes to a set of built chunks (issue 20's bundle goal), read from
 * the build's hidden source maps: every byte of minified output belongs to the mapping segment it sits in,
 * and a segment to its source file. Starts from the chunks named on the command line (file-name prefixes in
 * dist/elements, or `src:<source path>` for the chunk holding that source; default: what PSA step 1 loads)
 * and follows their static imports, as a browser would.
 *
 *   node --import tsx scripts/bundle-attribution.ts [chunk-prefix | src:path …] [--by=package] [--top=40] [--no-follow]
 *
 * Prints per source its raw bytes in the output and its cost in context: how many bytes its chunk's brotli
 * (quality 11, as the build precompresses) loses when the source's bytes are left out (the parts do not add
 * up exactly to the whole, since brotli shares repeats across sources), then the chunks with their size.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const DIST = 'dist/elements';
/** The one-file entry holds every source; `src:` picks among the loader's chunks. */
const FULL_ENTRY = 'integration-elements.js';
/** What `<integration-hub>` around `<psa-wizard>` loads before step 1 is usable (see test/bench/bundle-download-bench.ts). */
const STEP_ONE = [
  'integration-elements-loader.js',
  'src:web-components/registry/hub.tags.ts',
  'src:web-components/registry/psa-wizard.tags.ts',
  'src:web-components/registry/psa-steps/credentials.tags.ts',
];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

/** One source-map segment line decoded: [generated column, source index | -1] per segment. */
function decodeLine(line: string, state: { source: number }): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let column = 0;
  for (const segment of line.split(',')) {
    if (!segment) continue;
    const fields: number[] = [];
    let value = 0;
    let shift = 0;
    for (const ch of segment) {
      const digit = B64_INDEX.get(ch)!;
      value += (digit & 31) << shift;
      if (digit & 32) shift += 5;
      else {
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    column += fields[0]!;
    if (fields.length >= 4) state.source += fields[1]!;
    out.push([column, fields.length >= 4 ? state.source : -1]);
  }
  return out;
}

/** `code` cut into consecutive pieces, each with the source it maps to ("(unmapped)" where none). */
function attribute(code: string, map: { sources: string[]; mappings: string }): Array<[string, string]> {
  const pieces: Array<[string, string]> = [];
  const add = (source: string, text: string) => {
    if (text) pieces.push([source, text]);
  };
  const lines = code.split('\n');
  const mapLines = map.mappings.split(';');
  const state = { source: 0 };
  lines.forEach((line, i) => {
    if (i > 0) add('(unmapped)', '\n');
    const segments = decodeLine(mapLines[i] ?? '', state);
    if (segments.length === 0 || segments[0]![0] > 0) add('(unmapped)', line.slice(0, segments[0]?.[0] ?? line.length));
    segments.forEach(([col, source], j) => {
      const end = segments[j + 1]?.[0] ?? line.length;
      add(source < 0 ? '(unmapped)' : normalize(map.sources[source]!), line.slice(col, end));
    });
  });
  return pieces;
}

const normalize = (source: string) => source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, 'node_modules/');
const brotli = (text: string) => brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const packageOf = (source: string) => {
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (m) return m[1]!;
  return source.split('/').slice(0, 3).join('/');
};

/** The chunks `starts` name plus everything they import statically. */
function closure(starts: string[]): string[] {
  const files = readdirSync(DIST).filter((f) => f.endsWith('.js'));
  const holds = (file: string, source: string) =>
    existsSync(join(DIST, `${file}.map`)) && (JSON.parse(readFileSync(join(DIST, `${file}.map`), 'utf8')) as { sources: string[] }).sources.some((s) => normalize(s) === source);
  const queue = starts.flatMap((prefix) => {
    const hit = files.filter((f) => (prefix.startsWith('src:') ? f !== FULL_ENTRY && holds(f, prefix.slice(4)) : f.startsWith(prefix)));
    if (hit.length === 0) throw new Error(`no chunk starts with ${prefix}`);
    return hit;
  });
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    if (noFollow) continue;
    for (const m of code.matchAll(/(?:^|[;}])\s*import\s*(?:[^'"`()]*?from\s*)?["'`]\.\/([^"'`]+)["'`]/g)) queue.push(m[1]!);
  }
  return [...seen];
}

const args = process.argv.slice(2);
const by = args.find((a) => a.startsWith('--by='))?.slice(5);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 40);
const noFollow = args.includes('--no-follow');
const starts = args.filter((a) => !a.startsWith('--'));
const chunks = closure(starts.length ? starts : STEP_ONE);

const keyOf = (source: string) => (by === 'package' ? packageOf(source) : source);
const rowsByKey = new Map<string, { raw: number; br: number }>();
let chunkBrotli = 0;
const chunkLines: string[] = [];
for (const file of chunks) {
  const code = readFileSync(join(DIST, file), 'utf8');
  const mapPath = join(DIST, `${file}.map`);
  const br = brotli(code);
  chunkBrotli += br;
  chunkLines.push(`${(br / 1024).toFixed(1).padStart(6)} KB br ${(code.length / 1024).toFixed(1).padStart(6)} KB raw  ${file}`);
  if (!existsSync(mapPath)) continue;
  const pieces = attribute(code, JSON.parse(readFileSync(mapPath, 'utf8')));
  for (const key of new Set(pieces.map(([source]) => keyOf(source)))) {
    const row = rowsByKey.get(key) ?? { raw: 0, br: 0 };
    row.raw += pieces.filter(([source]) => keyOf(source) === key).reduce((n, [, text]) => n + text.length, 0);
    // What the chunk's brotli size loses without this source's bytes: its cost in context.
    row.br += br - brotli(pieces.filter(([source]) => keyOf(source) !== key).map(([, text]) => text).join(''));
    rowsByKey.set(key, row);
  }
}
const rows = [...rowsByKey].map(([source, r]) => ({ source, ...r })).sort((a, b) => b.br - a.br);
console.log(`Sources in ${chunks.length} chunks (raw bytes; brotli bytes the chunks lose without the source):`);
for (const r of rows.slice(0, top)) console.log(`${String(r.raw).padStart(8)} ${String(r.br).padStart(7)}  ${r.source}`);
if (rows.length > top) console.log(`  … ${rows.length - top} more, ${rows.slice(top).reduce((n, r) => n + r.raw, 0)} bytes raw, ${rows.slice(top).reduce((n, r) => n + r.br, 0)} brotli`);
console.log(`\nChunks (each compressed whole, brotli 11): ${(chunkBrotli / 1024).toFixed(1)} KB`);
for (const line of chunkLines.sort().reverse()) console.log(line);
