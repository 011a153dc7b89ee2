/** The committed migrations build the schema the code expects, with WAL and foreign keys on. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../db/client.js';
import { createRepositories } from '../../db/repositories/index.js';

let dir: string;
let db: Db;
afterEach(() => { db?.$client.close(); rmSync(dir, { recursive: true, force: true }); });

describe('database', () => {
  it('applies the migrations to a new file with WAL and foreign keys', () => {
    dir = mkdtempSync(join(tmpdir(), 'ih-db-'));
    db = createDb(join(dir, 'nested', 'hub.db'));
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.$client.prepare("select name from sqlite_master where type='table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['partners', 'organizations', 'integrations', 'psa_account_mappings', 'rmm_site_mappings', 'wizard_drafts', 'audit_log', 'catalog_items']));
  });

  it('is idempotent on restart and refuses orphans', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ih-db-'));
    createDb(join(dir, 'hub.db')).$client.close();
    db = createDb(join(dir, 'hub.db'));
    const repos = createRepositories(db);
    await expect(repos.organizations.upsertMany('no-such-partner', [{ id: 'o', name: 'O', status: 'active', billableUsers: 0 }])).rejects.toThrow(/FOREIGN KEY/);
  });

  it('keeps one wizard draft per partner, wizard and integration', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ih-db-'));
    db = createDb(join(dir, 'hub.db'));
    const repos = createRepositories(db);
    await repos.partners.ensure('p');
    await repos.wizardDrafts.put('p', 'psa:autotask', null, 1, { value: 'a' });
    await repos.wizardDrafts.put('p', 'psa:autotask', null, 1, { value: 'b' });
    expect((await repos.wizardDrafts.get('p', 'psa:autotask', null))?.snapshot).toEqual({ value: 'b' });
    expect(db.$client.prepare('select count(*) as n from wizard_drafts').get()).toEqual({ n: 1 });
  });
});
