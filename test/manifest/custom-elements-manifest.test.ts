/**
 * The Custom Elements Manifest (issue 11, item 14): custom-elements.json is generated from the
 * source by `npm run manifest` and committed. This regenerates it into a temp folder and fails when
 * the committed one differs (run `npm run manifest`), then holds it to define.ts (every registered public
 * tag) and to README.md (every documented attribute, property, method, event, slot, part and CSS
 * custom property), and checks that package.json points tools at it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedApi } from './readme-api.js';

const root = process.cwd();
const committedText = readFileSync(join(root, 'custom-elements.json'), 'utf8');
const manifest = JSON.parse(committedText) as Manifest;

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  attributes?: Array<{ name: string }>;
  members?: Array<{ kind: string; name: string; privacy?: string }>;
  events?: Array<{ name: string }>;
  slots?: Array<{ name: string }>;
  cssParts?: Array<{ name: string }>;
  cssProperties?: Array<{ name: string }>;
}
interface Manifest {
  schemaVersion: string;
  modules: Array<{ path: string; declarations?: Declaration[]; exports?: Array<{ kind: string; name: string; declaration: { name: string; module?: string } }> }>;
}

const elements = new Map<string, Declaration>();
for (const module of manifest.modules) for (const d of module.declarations ?? []) if (d.tagName) elements.set(d.tagName, d);

let outDir: string;
let regenerated = '';
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'ih-manifest-'));
  // The analyzer joins --outdir to its working directory, so it gets the temp folder relative to the repo.
  const run = spawnSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--quiet', '--outdir', relative(root, outDir)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the analyzer failed: ${run.stderr || run.stdout}`);
  regenerated = readFileSync(join(outDir, 'custom-elements.json'), 'utf8');
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('custom-elements.json', () => {
  it('is what `npm run manifest` generates from the source today', () => {
    expect(regenerated.length).toBeGreaterThan(1000);
    expect(committedText, 'custom-elements.json is out of date: run `npm run manifest` and commit it').toBe(regenerated);
  });

  it('names every public tag define.ts registers, with the class it registers, and no internal one', () => {
    const define = readFileSync(join(root, 'web-components/define.ts'), 'utf8');
    const registered = [...define.matchAll(/\[\s*'([a-z][a-z0-9-]*)',\s*(\w+)\s*\]/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(registered.length).toBeGreaterThan(20);
    // The public elements are the unprefixed tags; `ih-…` are the wizards' parts, `@internal` in their source.
    const publicTags = registered.filter(([tag]) => !tag.startsWith('ih-'));
    expect(publicTags.map(([tag]) => tag).sort()).toEqual(['audit-log', 'delivery-log', 'integration-hub', 'integration-list', 'organization-applications', 'psa-wizard', 'rmm-wizard']);
    for (const [tag, className] of publicTags) {
      expect(elements.get(tag)?.name, tag).toBe(className);
      expect(elements.get(tag)?.customElement, tag).toBe(true);
      expect(elements.get(tag)?.summary ?? '', tag).not.toMatch(/internal/i);
    }
    const definitions = manifest.modules.find((m) => m.path === 'web-components/define.ts')?.exports?.filter((e) => e.kind === 'custom-element-definition') ?? [];
    expect(definitions.map((d) => d.name).sort()).toEqual(publicTags.map(([tag]) => tag).sort());
    expect([...elements.keys()].sort()).toEqual(publicTags.map(([tag]) => tag).sort());
  });

  it('leaves the internal elements out, tag and class', () => {
    const classNames = new Set(manifest.modules.flatMap((m) => (m.declarations ?? []).map((d) => d.name)));
    for (const [tag, className] of [['ih-wizard-shell', 'IhWizardShell'], ['ih-text-field', 'IhTextField'], ['ih-psa-credentials-step', 'IhPsaCredentialsStep'], ['ih-toast-region', 'IhToastRegion'], ['ih-rmm-mapping-step', 'IhRmmMappingStep']]) {
      expect(elements.has(tag!), tag).toBe(false);
      expect(classNames.has(className!), className).toBe(false);
    }
    expect(committedText).not.toMatch(/"ih-[a-z-]+"/);
  });

  it('holds everything README.md documents for each element', () => {
    const { sections, themeProperties } = documentedApi(readFileSync(join(root, 'README.md'), 'utf8'));
    expect(sections.flatMap((s) => s.tags).sort()).toEqual(['audit-log', 'delivery-log', 'integration-hub', 'integration-list', 'organization-applications', 'psa-wizard', 'rmm-wizard']);
    const has = (d: Declaration | undefined, kind: string, name: string): boolean => {
      if (!d) return false;
      switch (kind) {
        case 'attribute': return Boolean(d.attributes?.some((a) => a.name === name));
        case 'property': return Boolean(d.members?.some((m) => m.kind === 'field' && m.name === name && m.privacy === undefined));
        case 'method': return Boolean(d.members?.some((m) => m.kind === 'method' && m.name === name && m.privacy === undefined));
        case 'event': return Boolean(d.events?.some((e) => e.name === name));
        case 'slot': return Boolean(d.slots?.some((s) => s.name === name));
        case 'part': return Boolean(d.cssParts?.some((p) => p.name === name));
        default: return Boolean(d.cssProperties?.some((p) => p.name === name));
      }
    };
    const missing: string[] = [];
    let checked = 0;
    for (const { items } of sections) {
      for (const item of items) {
        checked++;
        // An extra custom property belongs to the wizard whose part it styles; everything else to each tag named.
        const present = item.kind === 'cssProperty'
          ? item.tags.some((tag) => has(elements.get(tag), item.kind, item.name))
          : item.tags.every((tag) => has(elements.get(tag), item.kind, item.name));
        if (!present) missing.push(`${item.kind} ${item.name || '(default)'} on ${item.tags.join(', ')}`);
      }
    }
    const publicElements = ['integration-list', 'organization-applications', 'psa-wizard', 'rmm-wizard'].map((tag) => elements.get(tag));
    for (const property of themeProperties) {
      checked++;
      if (!publicElements.some((d) => has(d, 'cssProperty', property))) missing.push(`theme property ${property}`);
    }
    expect(checked).toBeGreaterThan(120);
    expect(missing).toEqual([]);
  });

  it('is where package.json points tools', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.customElements).toBe('custom-elements.json');
    expect(pkg.exports['./custom-elements.json']).toBe('./custom-elements.json');
    expect(pkg.exports['.']).toEqual({ types: './web-components/define.ts', default: './dist/elements/integration-elements.js' });
    expect(pkg.types).toBe('./web-components/define.ts');
    expect(pkg.scripts.manifest).toBe('custom-elements-manifest analyze');
  });
});
