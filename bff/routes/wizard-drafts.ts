/**
 * @module Wizard drafts: the persisted machine snapshot of an unfinished wizard, so a reload resumes
 * where the admin was. Versioned: a draft of another machine version is reported as absent.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { PSA_VENDORS, RMM_VENDORS } from '../vendors/vendor-catalog.js';

const WIZARDS = [...PSA_VENDORS.map((v) => `psa:${v}` as const), ...RMM_VENDORS.map((v) => `rmm:${v}` as const)];
const wizardParam = z.object({ wizard: z.enum(WIZARDS) });
const draftQuery = z.object({ integrationId: z.string().uuid().optional(), version: z.coerce.number().int().min(1).optional() });
const draftBody = z.object({ machineVersion: z.number().int().min(1), snapshot: z.unknown() });
const draftView = z.object({ machineVersion: z.number(), snapshot: z.unknown(), updatedAt: z.string() });

export function wizardDraftRoutes(deps: AppDeps, docs: ApiDocs) {
  const drafts = deps.repos.wizardDrafts;
  const p = '/api/wizard-drafts/{wizard}';
  docs.add(
    { method: 'get', path: p, summary: 'The saved draft of a wizard (404 when none, or of another version)', tag: 'wizard', roles: ['admin'], params: wizardParam, query: draftQuery, response: { status: 200, schema: draftView } },
    { method: 'put', path: p, summary: 'Save a wizard draft', tag: 'wizard', roles: ['admin'], params: wizardParam, query: draftQuery, body: draftBody, response: { status: 204, schema: null } },
    { method: 'delete', path: p, summary: 'Discard a wizard draft', tag: 'wizard', roles: ['admin'], params: wizardParam, query: draftQuery, response: { status: 204, schema: null } },
  );
  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/:wizard', validate('param', wizardParam), validate('query', draftQuery), (c) => {
      const { wizard } = c.req.valid('param');
      const { integrationId, version } = c.req.valid('query');
      const row = drafts.get(c.get('principal').partner, wizard, integrationId ?? null);
      if (!row || (version && row.machineVersion !== version)) {
        return c.json({ type: 'urn:integration-hub:problem:not_found', title: 'Not found', status: 404, code: 'not_found', detail: 'No draft' }, 404, { 'Content-Type': 'application/problem+json' });
      }
      return c.json({ machineVersion: row.machineVersion, snapshot: row.snapshot, updatedAt: row.updatedAt }, 200);
    })
    .put('/:wizard', validate('param', wizardParam), validate('query', draftQuery), validate('json', draftBody), (c) => {
      const body = c.req.valid('json');
      drafts.put(c.get('principal').partner, c.req.valid('param').wizard, c.req.valid('query').integrationId ?? null, body.machineVersion, body.snapshot);
      return c.body(null, 204);
    })
    .delete('/:wizard', validate('param', wizardParam), validate('query', draftQuery), (c) => {
      drafts.remove(c.get('principal').partner, c.req.valid('param').wizard, c.req.valid('query').integrationId ?? null);
      return c.body(null, 204);
    });
}
