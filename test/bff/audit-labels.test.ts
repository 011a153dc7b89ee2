/**
 * Every action the BFF records in the audit trail reads as words in `<audit-log>`, never as its
 * code: the actions are collected from the source (each `action: 'area.verb'` literal), so a new
 * one without a label fails here rather than showing "rmm.mapping" to an admin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { toAuditEntryView } from '../../bff/services/audit/audit-view.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'sandboxes' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

it('labels every recorded audit action', () => {
  const actions = new Set<string>();
  for (const file of sources('bff')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/action: '([a-z]+\.[a-z-]+)'/g)) actions.add(m[1]!);
  }
  expect(actions.size).toBeGreaterThan(15);
  const unlabelled = [...actions].filter((action) => toAuditEntryView({ id: 1, actor: 'a', action, at: '', before: null, after: null }).actionLabel === action);
  expect(unlabelled).toEqual([]);
});
