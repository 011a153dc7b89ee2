/**
 * @module Minifies the static text of Lit's `html`, `svg` and `css` tagged templates in the elements
 * build, which the JS minifier leaves alone (a template literal is a string to it). A small transform
 * of our own: @lit-labs/rollup-plugin-minify-html-literals@0.2.0 failed in strict mode on five of our
 * `css` templates, and its html-minifier would rewrite markup we do not need rewritten.
 *
 * Only whitespace and CSS comments go, never a character that changes what renders:
 * - `html`/`svg`: the indentation after a newline (a run of whitespace holding a newline renders as
 *   one space, as the newline alone does). Spaces within a line stay (attribute values keep them).
 *   A template holding `<pre`, `<textarea` or `white-space: pre` is left exactly as written.
 * - `css`: comments, indentation, the spaces around `{ } ; , >` and after a property's colon, a
 *   block's last semicolon,
 *   outside quoted strings and never across a `${}` (the value there may be a selector or a word).
 * Newlines are kept, so every line stays where it was and the source map stays line-accurate.
 */
import { parseAst, type Plugin } from 'vite';

const MARKUP_TAGS = new Set(['html', 'svg']);
const PRESERVE = /<pre[\s>]|<textarea[\s>]|white-space\s*:\s*pre/i;

interface Node { type: string; start: number; end: number; [key: string]: unknown }
interface Quasi { start: number; value: { raw: string } }

/** Indentation after each newline goes; the newlines stay. */
function markup(raw: string): string {
  return raw.replace(/[ \t]*\n[ \t]*/g, '\n');
}

/** Collapses CSS outside quoted strings (a quote left open in this part is kept as written from there on). */
function styles(raw: string): string {
  const parts = raw.split(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/);
  return parts.map((part, i) => {
    if (i % 2 === 1) return part; // a quoted string
    const open = part.search(/["']/);
    const [plain, rest] = open === -1 ? [part, ''] : [part.slice(0, open), part.slice(open)];
    return plain
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/[ \t]+/g, ' ')
      .replace(/ ?([{};,>]) ?/g, '$1')
      .replace(/;}/g, '}')
      .replace(/([{;\n]-?-?[A-Za-z][\w-]*): /g, '$1:') + rest;
  }).join('');
}

/** Minifies every `html`, `svg` and `css` template in one module; undefined when nothing changed. */
export function minifyTemplates(code: string, lang: 'ts' | 'js' = 'ts'): string | undefined {
  if (!/\b(html|svg|css)`/.test(code)) return undefined;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as Node;
    if (n.type === 'TaggedTemplateExpression') {
      const tag = n.tag as Node & { name?: string };
      const quasis = (n.quasi as { quasis: Quasi[] }).quasis;
      const name = tag.type === 'Identifier' ? tag.name : undefined;
      const all = quasis.map((q) => q.value.raw).join('');
      const minify = name === 'css' ? styles : name && MARKUP_TAGS.has(name) && !PRESERVE.test(all) ? markup : undefined;
      if (minify) {
        for (const q of quasis) {
          const start = q.start + 1; // after the backtick or the closing brace
          const text = minify(q.value.raw);
          if (text !== q.value.raw) edits.push({ start, end: start + q.value.raw.length, text });
        }
      }
      return visit(n.quasi);
    }
    for (const key in n) if (key !== 'type' && key !== 'start' && key !== 'end') visit(n[key]);
  };
  visit(parseAst(code, { lang }));
  if (edits.length === 0) return undefined;
  let out = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A source map for a transform that kept every line: each line maps to the start of the same line. */
export function lineMap(source: string, id: string): { version: 3; sources: string[]; sourcesContent: string[]; names: string[]; mappings: string } {
  const lines = source.split('\n').length;
  return { version: 3, sources: [id], sourcesContent: [source], names: [], mappings: ['AAAA', ...Array(lines - 1).fill('AACA')].join(';') };
}

/** The vite plugin: our elements' templates, minified before the bundler sees them (build only). */
export function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'integration-hub:minify-templates',
    apply: 'build',
    enforce: 'pre',
    transform: {
      filter: { id: /\/web-components\/.*\.ts$/, code: /\b(html|svg|css)`/ },
      handler(code, id) {
        const out = minifyTemplates(code);
        return out === undefined ? null : { code: out, map: lineMap(code, id) };
      },
    },
  };
}
