/**
 * @module What README.md's "Elements" section promises about each tag, read from its tables and
 * lists, so a test can hold the manifest to it: attributes, properties, methods, events, slots,
 * parts and CSS custom properties.
 */

export interface DocumentedApi {
  /** The tags a `###` heading names (`<psa-wizard …>` and `<rmm-wizard …>` share one section). */
  tags: string[];
  /** Each item with the tags it belongs to (a `<tag>`: prefix narrows it to that tag). */
  items: Array<{ kind: 'attribute' | 'property' | 'method' | 'event' | 'slot' | 'part' | 'cssProperty'; name: string; tags: string[] }>;
}

const ticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const tagsIn = (text: string) => [...text.matchAll(/<([a-z][a-z0-9]*-[a-z0-9-]+)/g)].map((m) => m[1]!);

/** `status` (plus `status-active|paused`) and `progress-step` (plus `-done`, `-current`) → every part name. */
export function expandParts(text: string): string[] {
  const parts: string[] = [];
  let last = '';
  for (const token of ticked(text)) {
    if (token.startsWith('<')) continue;
    if (token.startsWith('-')) { parts.push(`${last}${token}`); continue; }
    const [first, ...alternatives] = token.split('|');
    const stem = first!.includes('-') ? first!.slice(0, first!.lastIndexOf('-') + 1) : '';
    parts.push(first!, ...alternatives.map((a) => `${stem}${a}`));
    last = first!;
  }
  return parts;
}

/** Reads `### <tag>` sections under `## Elements`, plus the theming table (custom properties for every element). */
export function documentedApi(readme: string): { sections: DocumentedApi[]; themeProperties: string[] } {
  const elements = readme.split(/^## /m).find((s) => s.startsWith('Elements'));
  if (!elements) throw new Error('README.md has no "## Elements" section');
  const sections: DocumentedApi[] = [];
  let themeProperties: string[] = [];
  for (const section of elements.split(/^### /m).slice(1)) {
    const [heading = '', ...lines] = section.split('\n');
    const body = lines.join('\n');
    if (/^Theming/.test(heading)) {
      themeProperties = body.split('\n').filter((l) => l.startsWith('| `--')).flatMap((l) => ticked(l.split('|')[1]!));
      continue;
    }
    const tags = tagsIn(heading);
    if (!tags.length) continue;
    const items: DocumentedApi['items'] = [];
    const add = (kind: DocumentedApi['items'][number]['kind'], name: string, only?: string[]) => items.push({ kind, name, tags: only?.length ? only : tags });

    for (const row of body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| kind') && !l.startsWith('| ---'))) {
      const [kind = '', names = '', meaning = ''] = row.split('|').slice(1).map((c) => c.trim());
      const only = /^`<[a-z-]+>`/.test(meaning) ? tagsIn(meaning.slice(0, meaning.indexOf('>') + 1)) : undefined;
      const [first, second] = ticked(names);
      if (kind.startsWith('attribute')) {
        add('attribute', first!, only);
        if (kind.includes('property')) add('property', second ?? first!, only);
        // "`api-base` / `apiBase`, property `token`"
        const extra = names.match(/property `([^`]+)`/);
        if (extra) add('property', extra[1]!, only);
      } else if (kind.startsWith('property')) add('property', first!, only);
      else if (kind === 'method') add('method', first!.replace(/\(.*$/, ''), only);
      else if (kind === 'event') add('event', first!, only);
      else if (kind === 'slot') add('slot', names === '(default)' ? '' : first!, only);
    }

    // Prose: "Attributes/properties: `a`, `b`; method `refresh()`; event `x`." and "Parts: …", "`<rmm-wizard>` also …",
    // "Extra custom properties: …".
    const prose = body.split('\n').filter((l) => !l.startsWith('|')).join(' ');
    for (const sentence of prose.split(/(?<=\.)\s+(?=[A-Z`])/)) {
      const attrs = sentence.match(/^Attributes\/properties: ([^;.]*)/);
      if (attrs) for (const name of ticked(attrs[1]!)) add(name.includes('-') ? 'attribute' : 'property', name);
      for (const m of sentence.matchAll(/\bmethod `([\w]+)\(\)`/g)) add('method', m[1]!);
      for (const m of sentence.matchAll(/\bevent `([\w-]+)`/g)) add('event', m[1]!);
      const parts = sentence.match(/^Parts[^:]*: (.*)$/s);
      if (parts) {
        const [shared, ...also] = parts[1]!.split(/;\s*(?=`<[a-z-]+>` also)/);
        for (const name of expandParts(shared!)) add('part', name);
        for (const clause of also) for (const name of expandParts(clause.replace(/^`<[a-z-]+>` also/, ''))) add('part', name, tagsIn(clause.slice(0, clause.indexOf('>') + 1)));
      }
      const css = sentence.match(/^Extra custom properties: (.*)$/s);
      if (css) for (const name of ticked(css[1]!).filter((n) => n.startsWith('--'))) add('cssProperty', name);
    }
    sections.push({ tags, items });
  }
  return { sections, themeProperties };
}
