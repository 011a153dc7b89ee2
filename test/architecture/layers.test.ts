/**
 * Layers (issue 20, item 1). The rules, each checked over every import the TypeScript parser finds
 * (static, multi-line, `export … from`, `import()` and `import('…').T` types):
 * 1. Nothing under web-components/ imports from bff/vendors/, bff/services/, bff/routes/,
 *    bff/routing/, db/ or bff/app.ts. The one exception is a type-only import of bff/app.ts: the
 *    typed client (`hc<AppType>`, web-components/api/client.ts) needs the route types, and a
 *    type-only import is erased at build, so no server code reaches the bundle.
 * 2. The same holds for everything the browser's code reaches at run time (following every import
 *    that is not type-only), so a shared module cannot smuggle the server in.
 * 3. bff/contracts/ (the schemas, vendor catalog and model shared with the browser) imports nothing
 *    of the project outside bff/contracts/.
 * 4. Nothing under bff/vendors/ imports db/: the composition root (bff/server.ts, bff/worker.ts)
 *    builds the shared budget store from the database and passes it in.
 * 5. Nothing the browser loads at run time imports full `zod` (a quarter of the bundle): only
 *    `zod/mini` (bff/contracts/zod.ts builds the shared schemas with it), zod core and zod's locales.
 *    A type-only import of full zod is erased at build, so it is allowed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Server code the browser must not reach; bff/app.ts is matched on its own (see rule 1). */
const SERVER_ONLY = ['bff/vendors/', 'bff/services/', 'bff/routes/', 'bff/routing/', 'db/'];
const APP = 'bff/app.ts';

interface Edge {
  /** Repository path of the importing file. */
  from: string;
  line: number;
  specifier: string;
  /** Repository path of the imported file (relative specifiers only; packages are left out). */
  to: string;
  /** Erased at build: `import type`, every named binding `type`, or an `import('…')` type. */
  typeOnly: boolean;
}

/** An import of a package (a specifier that is not relative), e.g. `zod/mini`. */
type PackageImport = Omit<Edge, 'to'>;

const posix = (path: string) => path.split('\\').join('/');

function resolveSpecifier(fromFile: string, specifier: string): string {
  const base = join(dirname(fromFile), specifier);
  const stem = base.replace(/\.(m?js|ts)$/, '');
  const candidates = [`${stem}.ts`, `${stem}.mts`, base, join(base, 'index.ts')];
  return posix(candidates.find((candidate) => existsSync(join(ROOT, candidate))) ?? base);
}

function allTypeOnly(elements: ts.NodeArray<ts.ImportSpecifier | ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((element) => element.isTypeOnly);
}

/** Every import of one source text: the relative ones (`edges`) and the package ones (`packages`). */
function allImportsOf(file: string, text: string): { edges: Edge[]; packages: PackageImport[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const packages: PackageImport[] = [];
  const add = (node: ts.Node, literal: ts.Expression | undefined, typeOnly: boolean) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    if (literal.text.startsWith('.')) edges.push({ from: file, line, specifier: literal.text, to: resolveSpecifier(file, literal.text), typeOnly });
    else packages.push({ from: file, line, specifier: literal.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!bindings && ts.isNamedImports(bindings) && allTypeOnly(bindings.elements)));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      add(node, node.moduleSpecifier, node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && allTypeOnly(clause.elements)));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, true);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { edges, packages };
}

/** Every relative import of one source text. */
const importsOf = (file: string, text: string): Edge[] => allImportsOf(file, text).edges;

function sourcesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.m?ts$/.test(entry.name))
    .map((entry) => posix(relative(ROOT, join(entry.parentPath, entry.name))));
}

const edgesOf = (file: string) => importsOf(file, readFileSync(join(ROOT, file), 'utf8'));
const edgesUnder = (dir: string) => sourcesUnder(dir).flatMap(edgesOf);
const serverOnly = (path: string) => path === APP || SERVER_ONLY.some((prefix) => path.startsWith(prefix));
const show = (edge: Edge | PackageImport) => `${edge.from}:${edge.line} imports ${edge.specifier}${edge.typeOnly ? ' (type only)' : ''}`;

/** Rule 5: the zod entry points the browser may load; anything else of zod is full zod (or its v3). */
const BROWSER_ZOD = /^zod\/(mini|v4\/mini|v4\/core|v4\/locales(\/.*)?|locales(\/.*)?)$/;
const fullZodAtRunTime = (imported: PackageImport) => !imported.typeOnly && /^zod(\/|$)/.test(imported.specifier) && !BROWSER_ZOD.test(imported.specifier);
const packagesOf = (file: string) => allImportsOf(file, readFileSync(join(ROOT, file), 'utf8')).packages;

/** Rule 1: what a browser file may not import directly. */
const forbiddenInBrowser = (edge: Edge) => serverOnly(edge.to) && !(edge.to === APP && edge.typeOnly);

/** Every file the given ones load at run time, following imports that are not type-only. */
function runtimeClosure(start: string[]): Map<string, Edge | undefined> {
  const reached = new Map<string, Edge | undefined>(start.map((file) => [file, undefined]));
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift()!;
    if (!/\.m?ts$/.test(file) || !existsSync(join(ROOT, file))) continue;
    for (const edge of edgesOf(file)) {
      if (edge.typeOnly || reached.has(edge.to)) continue;
      reached.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return reached;
}

describe('the import parser these rules rest on', () => {
  const file = 'web-components/wizards/example.ts';
  const edges = importsOf(file, [
    "import type { AppType } from '../../bff/app.js';",
    "import { type PsaVendor, type Vendor } from '../../bff/contracts/vendor-catalog.js';",
    'import {',
    '  createPsaAdapter,',
    "} from '../../bff/vendors/registry.js';",
    "export { BudgetStore } from '../../db/repositories-pg/budgets.repo.js';",
    "const lazy = () => import('../../bff/services/vendor-gateway.js');",
    "type Row = import('../../db/schema/index.js').Row;",
    "import { html } from 'lit';",
  ].join('\n'));

  it('finds every relative import, multi-line and dynamic ones too, with its line and target file', () => {
    expect(edges.map((edge) => [edge.line, edge.to, edge.typeOnly])).toEqual([
      [1, 'bff/app.ts', true],
      [2, 'bff/contracts/vendor-catalog.ts', true],
      [3, 'bff/vendors/registry.ts', false],
      [6, 'db/repositories-pg/budgets.repo.ts', false],
      [7, 'bff/services/vendor-gateway.ts', false],
      [8, 'db/schema/index.ts', true],
    ]);
  });

  it('finds package imports apart, and tells full zod from zod/mini, type-only ones aside (rule 5)', () => {
    const { packages } = allImportsOf(file, [
      "import { z } from 'zod';",
      "import * as z from 'zod/mini';",
      "import type { ZodType } from 'zod';",
      "import { z as classic } from 'zod/v4';",
      "import en from 'zod/v4/locales/en.js';",
      "import { type $ZodType } from 'zod/v4/core';",
      "const later = () => import('zod/v3');",
      "import { html } from 'lit';",
    ].join('\n'));
    expect(packages.map((p) => [p.line, p.specifier, p.typeOnly])).toEqual([
      [1, 'zod', false], [2, 'zod/mini', false], [3, 'zod', true], [4, 'zod/v4', false],
      [5, 'zod/v4/locales/en.js', false], [6, 'zod/v4/core', true], [7, 'zod/v3', false], [8, 'lit', false],
    ]);
    expect(packages.filter(fullZodAtRunTime).map((p) => p.line)).toEqual([1, 4, 7]);
  });

  it('lets the browser take only the typed client from bff/app.ts, and nothing from the server layers', () => {
    expect(edges.filter(forbiddenInBrowser).map((edge) => edge.line)).toEqual([3, 6, 7, 8]);
    const valueImportOfApp = importsOf(file, "import { createApp } from '../../bff/app.js';");
    expect(valueImportOfApp.filter(forbiddenInBrowser)).toHaveLength(1);
  });
});

describe('layers', () => {
  it('web-components/ imports nothing of the server but the typed client\'s route types (rule 1)', () => {
    const edges = edgesUnder('web-components');
    // The walk sees the browser's real imports: the contracts, and the one type-only import of the app.
    expect(edges.some((edge) => edge.to === 'bff/contracts/vendor-catalog.ts')).toBe(true);
    expect(edges.filter((edge) => edge.to === APP).map(show)).toEqual(['web-components/api/client.ts:7 imports ../../bff/app.js (type only)']);
    expect(edges.filter(forbiddenInBrowser).map(show)).toEqual([]);
  });

  it('what the browser loads at run time reaches no server layer, however indirectly (rule 2)', () => {
    const reached = runtimeClosure(sourcesUnder('web-components'));
    expect([...reached.keys()].some((file) => file.startsWith('bff/contracts/'))).toBe(true);
    // Each import that crosses into a server layer (not the ones inside it that follow).
    const leaks = [...reached.values()].filter((via) => via && serverOnly(via.to) && !serverOnly(via.from)).map((via) => show(via!));
    expect(leaks).toEqual([]);
  });

  it('what the browser loads at run time imports zod/mini, never full zod (rule 5)', () => {
    const reached = [...runtimeClosure(sourcesUnder('web-components')).keys()].filter((file) => /\.m?ts$/.test(file) && existsSync(join(ROOT, file)));
    const imports = reached.flatMap(packagesOf);
    expect(imports.filter(fullZodAtRunTime).map(show)).toEqual([]);
    // The walk sees the schemas the browser runs: the contracts, built on zod/mini.
    expect(imports.filter((p) => p.specifier === 'zod/mini').map((p) => p.from)).toContain('bff/contracts/zod.ts');
  });

  it('bff/contracts/ imports nothing of the project outside itself (rule 3)', () => {
    const outside = edgesUnder('bff/contracts').filter((edge) => !edge.to.startsWith('bff/contracts/'));
    expect(outside.map(show)).toEqual([]);
  });

  it('bff/vendors/ imports nothing from db/: the budget store is passed in (rule 4)', () => {
    const edges = edgesUnder('bff/vendors');
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.filter((edge) => edge.to.startsWith('db/')).map(show)).toEqual([]);
  });
});
