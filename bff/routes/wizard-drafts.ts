/**
 * @module Wizard drafts: the persisted machine snapshot of an unfinished wizard, so a reload resumes
 * where the admin was. Versioned: a draft of another machine version is reported as absent. "No
 * draft yet" is an ordinary answer (200 with `null`), not an error: every wizard asks on opening.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import { boundedJson } from '../contracts/safe-text.js';
import type { ApiDocs } from '../openapi.js';
import { PSA_VENDORS, RMM_VENDORS } from '../contracts/vendor-catalog.js';

const WIZARDS = [...PSA_VENDORS.map((v) => `psa:${v}` as const), ...RMM_VENDORS.map((v) => `rmm:${v}` as const)];
const wizardParam = z.object({ wizard: z.enum(WIZARDS) });
const draftQuery = z.object({ integrationId: z.string().uuid().optional(), version: z.coerce.number().int().min(1).optional() });
/**
 * A persisted machine snapshot nests a few levels (context, child actors, rows); 64 is far beyond
 * it and far below a stack's reach. 2 million characters hold a 10,000-organization mapping (about
 * 150 characters a row) with room to spare, under the 5 MB body limit.
 */
const draftSnapshot = boundedJson({ maxDepth: 64, maxSize: 2_000_000 });
const draftBody = z.object({ machineVersion: z.number().int().min(1), snapshot: draftSnapshot });
const draftView = z.object({ machineVersion: z.number(), snapshot: z.unknown(), updatedAt: z.string() });
/** The GET answer: the draft, or null when there is none (or only one of another machine version). */
const draftAnswer = draftView.nullable();

export function wizardDraftRoutes(deps: AppDeps, docs: ApiDocs) {
  const drafts = deps.repos.wizardDrafts;
  const p = '/api/wizard-drafts/{wizard}';
  docs.add(
    { method: 'get', path: p, summary: 'The saved draft of a wizard: null when there is none (or only one of another machine version)', tag: 'wizard', roles: ['admin'], params: wizardParam, query: draftQuery,
      response: { status: 200, schema: draftAnswer, description: 'The draft, or null when there is none yet' } },
    { method: 'put', path: p, summary: 'Save a wizard draft', tag: 'wizard', roles: ['admin'], params: wizardParam, query: draftQuery, body: draftBody, response: { status: 204, schema: null } },
    { method: 'delete', path: p, summary: 'Discard a wizard draft', tag: 'wizard', roles: ['admin'], params: wizardParam, query: draftQuery, response: { status: 204, schema: null } },
  );
  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .get('/:wizard', validate('param', wizardParam), validate('query', draftQuery), async (c) => {
      const { wizard } = c.req.valid('param');
      const { integrationId, version } = c.req.valid('query');
      const row = await drafts.get(c.get('principal').partner, wizard, integrationId ?? null);
      const answer: z.infer<typeof draftAnswer> = !row || (version && row.machineVersion !== version)
        ? null
        : { machineVersion: row.machineVersion, snapshot: row.snapshot, updatedAt: row.updatedAt };
      return c.json(answer, 200);
    })
    .put('/:wizard', validate('param', wizardParam), validate('query', draftQuery), validate('json', draftBody), async (c) => {
      const body = c.req.valid('json');
      await drafts.put(c.get('principal').partner, c.req.valid('param').wizard, c.req.valid('query').integrationId ?? null, body.machineVersion, body.snapshot);
      return c.body(null, 204);
    })
    .delete('/:wizard', validate('param', wizardParam), validate('query', draftQuery), async (c) => {
      await drafts.remove(c.get('principal').partner, c.req.valid('param').wizard, c.req.valid('query').integrationId ?? null);
      return c.body(null, 204);
    });
}
