/**
 * Settings for `npm run manifest` (@custom-elements-manifest/analyzer with its Lit support), which
 * writes custom-elements.json from the element classes' JSDoc (@attr, @prop, @fires, @slot,
 * @csspart, @cssproperty) and Lit's decorators. test/manifest/custom-elements-manifest.test.ts
 * regenerates it and fails when the committed file is out of date.
 *
 * The plugin below fills two gaps the analyzer cannot fill from this code by itself:
 * - Tags are registered in one place, web-components/define.ts's ELEMENTS list (importing a class
 *   registers nothing). Each `['tag', Class]` entry becomes the custom-element-definition export the
 *   analyzer would have made from a `customElements.define('tag', Class)` call.
 * - The wizards' steps, fields, dialog and toasts are `@internal` (not for use on their own), which
 *   makes the analyzer drop their classes. The bundle registers their tags all the same, but the
 *   manifest is the public API (issue 17, item 13): their definitions are left out as well.
 * It also leaves out private and protected members, and drops the events the analyzer guesses from
 * `dispatchEvent(new SomeEvent(…))` (it takes the constructor's first argument for the name, which is
 * wrong for this project's event classes): every event is listed by name through its class's `@fires`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';

const DEFINE_MODULE = 'web-components/define.ts';

/** `./elements/x/x.js` imported from define.ts → `web-components/elements/x/x.ts` (the module's path in the manifest). */
const modulePath = (specifier) => posix.normalize(posix.join(posix.dirname(DEFINE_MODULE), specifier)).replace(/\.js$/, '.ts');

/** `[{tag, className, module}]` from define.ts's ELEMENTS list. */
function readDefineList(ts, sourceFile) {
  const importedFrom = new Map();
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    for (const element of statement.importClause?.namedBindings?.elements ?? []) {
      importedFrom.set(element.name.text, modulePath(statement.moduleSpecifier.text));
    }
  }
  const list = [];
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'ELEMENTS' && node.initializer && ts.isArrayLiteralExpression(node.initializer)) {
      for (const entry of node.initializer.elements) {
        const [tag, klass] = ts.isArrayLiteralExpression(entry) ? entry.elements : [];
        if (!tag || !klass || !ts.isStringLiteral(tag) || !ts.isIdentifier(klass)) throw new Error(`${DEFINE_MODULE}: every ELEMENTS entry must be ['tag', Class]`);
        list.push({ tag: tag.text, className: klass.text, module: importedFrom.get(klass.text) ?? DEFINE_MODULE });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return list;
}

function tagsFromDefineList() {
  let elements = [];
  return {
    name: 'integration-hub:tags-from-define-list',
    collectPhase({ ts, node }) {
      if (ts.isSourceFile(node) && node.fileName === DEFINE_MODULE) elements = readDefineList(ts, node);
    },
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isSourceFile(node) || moduleDoc.path !== DEFINE_MODULE) return;
      for (const { tag, className, module } of elements) {
        moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module } });
      }
    },
    moduleLinkPhase({ moduleDoc }) {
      if (moduleDoc.path !== DEFINE_MODULE) return;
      // The analyzer reads define.ts's `customElements.define(tag, constructor)` loop as a tag named "tag".
      moduleDoc.exports = moduleDoc.exports.filter((e) => e.kind !== 'custom-element-definition' || elements.some((el) => el.tag === e.name));
    },
    packageLinkPhase({ customElementsManifest }) {
      // The analyzer drops an `@internal` class (and its export); drop its tag's definition too, so
      // the manifest names the public elements only.
      const declared = new Set(customElementsManifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => `${m.path}#${d.name}`)));
      const define = customElementsManifest.modules.find((m) => m.path === DEFINE_MODULE);
      if (define) define.exports = define.exports.filter((e) => e.kind !== 'custom-element-definition' || declared.has(`${e.declaration.module}#${e.declaration.name}`));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          // Private and protected members are no one's API: listing them would make the manifest (and
          // its check) change with every refactoring inside an element.
          if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'));
          // Kept: the @fires ones. Dropped: what the analyzer guessed from `new SomeEvent(arg)`, where it
          // takes the first argument (a field name, an action) for the event's name.
          if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && !(event.type && event.description === undefined));
        }
      }
    },
  };
}

/**
 * The modules that declare classes (elements, their bases, events, errors, controllers), plus the
 * two entry modules. Modules of plain functions and data (copy, machines, styles, validation) hold
 * no element API and would only make the manifest churn with every wording change.
 */
function classModules() {
  const files = readdirSync('web-components', { recursive: true })
    .map((f) => posix.join('web-components', String(f).split('\\').join('/')))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  return files.filter((f) => f === DEFINE_MODULE || f === 'web-components/index.ts' || /^export (abstract )?class \w+/m.test(readFileSync(f, 'utf8'))).sort();
}

export default {
  globs: classModules(),
  outdir: '.',
  litelement: true,
  // package.json's customElements field is written by hand (with exports and types beside it).
  packagejson: false,
  plugins: [tagsFromDefineList()],
};
