/**
 * @module Starting an integration: the credentials step. Credentials are parsed with the vendor's
 * schema, checked against the vendor (its reason comes back next to the field), sealed, and never
 * returned. One PSA per partner; a second connection to the same RMM needs explicit confirmation,
 * and is refused outright when it reaches an account already connected (account-identity.ts).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { credentialSchemas } from '../contracts/credentials.js';
import { SEPARATE_INSTANCE_MESSAGE, USER_ACTIVITY_MESSAGES } from '../contracts/rmm-settings.js';
import { integrationDetailSchema, vendorSchema } from '../contracts/integration-view.js';
import { fieldsFromZod, notFound, ProblemError, validationProblem } from '../errors.js';
import { requireRole } from '../middleware/auth.js';
import { validate } from '../middleware/validate.js';
import type { ApiDocs } from '../openapi.js';
import { isPsaVendor } from '../vendors/registry.js';
import { VENDOR_LABELS } from '../vendors/vendor-errors.js';
import type { Vendor } from '../contracts/model.js';
import type { AppDeps, AppEnv } from '../app-deps.js';
import { accountIdentityHash, findSameAccount, guardSameAccount, sameAccountProblem } from '../services/account-identity.js';
import { toIntegrationDetail } from './integrations.js';

const createBody = z.object({
  vendor: vendorSchema,
  credentials: z.record(z.string(), z.unknown()),
  /** RMM: the admin confirmed this is a separate instance of an already connected vendor. */
  confirmSeparateInstance: z.boolean().default(false),
  /** Datto RMM: chosen before credentials; Syncro: chosen in the mapping step. Immutable once set. */
  userActivityOrganizationId: z.string().min(1).max(100).optional(),
});
const credentialsBody = z.object({ credentials: z.record(z.string(), z.unknown()) });
const idParam = z.object({ id: z.string().uuid('not an integration id') });

export function integrationSetupRoutes(deps: AppDeps, docs: ApiDocs) {
  const { repos, vendors, vault } = deps;
  const identities = { repos, vault, logger: deps.logger };
  docs.add(
    { method: 'post', path: '/api/integrations', summary: 'Validate credentials against the vendor and start a draft integration (an RMM account this partner already connected is refused: 409 account_already_connected)', tag: 'setup', roles: ['admin'], body: createBody, response: { status: 201, schema: integrationDetailSchema } },
    { method: 'put', path: '/api/integrations/{id}/credentials', summary: 'Replace the credentials (validated against the vendor first; another connection’s RMM account is refused: 409 account_already_connected)', tag: 'setup', roles: ['admin'], params: idParam, body: credentialsBody, response: { status: 200, schema: integrationDetailSchema } },
  );

  /** Parses credentials with the vendor's schema (a refusal names each field). */
  function parsedCredentials(vendor: Vendor, raw: unknown) {
    const parsed = credentialSchemas[vendor].safeParse(raw);
    if (!parsed.success) throw validationProblem(fieldsFromZod(parsed.error, 'credentials'));
    return parsed.data;
  }

  /** Refuses credentials of an account another connection of this partner already reaches (before any vendor call). */
  async function refuseSameAccount(partner: string, vendor: Vendor, credentials: unknown, exceptId?: string) {
    const existing = await findSameAccount(identities, partner, vendor, credentials, exceptId);
    if (existing) throw sameAccountProblem(vendor, existing);
  }

  /** Checks parsed credentials with the vendor; returns the account label and the sealed credentials with their identity hash. */
  async function checkedAndSealed(vendor: Vendor, credentials: ReturnType<typeof parsedCredentials>) {
    const { accountLabel } = await vendors.adapterFor(vendor, credentials).validateCredentials();
    const sealed = vault.seal(credentials);
    return { accountLabel, credentialsSealed: sealed.sealed, credentialsKeyId: sealed.keyId, accountIdentityHash: accountIdentityHash(vault, vendor, credentials) };
  }

  return new Hono<AppEnv>()
    .use(requireRole('admin'))
    .post('/', validate('json', createBody), async (c) => {
      const { partner, sub } = c.get('principal');
      const body = c.req.valid('json');
      const kind = isPsaVendor(body.vendor) ? 'psa' : 'rmm';
      const existing = await repos.integrations.list(partner, kind);
      if (kind === 'psa' && existing.length > 0) {
        const first = existing[0]!;
        throw new ProblemError(409, 'psa_exists', 'A PSA is already connected',
          `This account already has a ${VENDOR_LABELS[first.vendor]} integration. One PSA per account: edit the existing integration instead.`,
          { existingIntegrationId: first.id, existingVendor: first.vendor });
      }
      // The same account twice is refused before the separate-instance question: confirming cannot make it another account.
      const wellFormed = credentialSchemas[body.vendor].safeParse(body.credentials);
      if (wellFormed.success) await refuseSameAccount(partner, body.vendor, wellFormed.data);
      const same = existing.find((i) => i.vendor === body.vendor);
      if (kind === 'rmm' && same && !body.confirmSeparateInstance) {
        throw new ProblemError(409, 'duplicate_connection', 'Already connected',
          `A ${VENDOR_LABELS[body.vendor]} integration already exists. Connecting it again duplicates data; continue only if this is a separate ${VENDOR_LABELS[body.vendor]} instance.`,
          { existingIntegrationId: same.id, errors: [{ field: 'confirmSeparateInstance', message: SEPARATE_INSTANCE_MESSAGE }] });
      }
      if (body.vendor === 'datto-rmm' && !body.userActivityOrganizationId) {
        throw validationProblem([{ field: 'userActivityOrganizationId', message: USER_ACTIVITY_MESSAGES['datto-rmm'] }]);
      }
      if (body.userActivityOrganizationId && !await repos.organizations.get(partner, body.userActivityOrganizationId)) {
        throw validationProblem([{ field: 'userActivityOrganizationId', message: 'Unknown organization' }]);
      }
      // The vendor call happens before any write, and outside any transaction.
      const credentials = parsedCredentials(body.vendor, body.credentials);
      const checked = await checkedAndSealed(body.vendor, credentials);
      const row = await guardSameAccount(identities, partner, body.vendor, credentials, undefined, () => repos.integrations.create({
        partnerId: partner, kind, vendor: body.vendor, ...checked, userActivityOrganizationId: body.userActivityOrganizationId ?? null,
      }));
      await repos.audit.record({ partnerId: partner, actor: sub, action: 'integration.create', target: `integration:${row.id}`, after: { vendor: row.vendor, kind, accountLabel: checked.accountLabel, userActivityOrganizationId: row.userActivityOrganizationId } });
      return c.json(toIntegrationDetail(row), 201);
    })
    .put('/:id/credentials', validate('param', idParam), validate('json', credentialsBody), async (c) => {
      const { partner, sub } = c.get('principal');
      const { id } = c.req.valid('param');
      const row = await repos.integrations.get(partner, id);
      if (!row) throw notFound(`Integration ${id}`);
      const credentials = parsedCredentials(row.vendor, c.req.valid('json').credentials);
      await refuseSameAccount(partner, row.vendor, credentials, id);
      const checked = await checkedAndSealed(row.vendor, credentials);
      const after = (await guardSameAccount(identities, partner, row.vendor, credentials, id, () => repos.integrations.update(partner, id, checked)))!;
      vendors.forget(id);
      await repos.audit.record({ partnerId: partner, actor: sub, action: 'integration.credentials', target: `integration:${id}`, before: { accountLabel: row.accountLabel }, after: { accountLabel: checked.accountLabel } });
      return c.json(toIntegrationDetail(after), 200);
    });
}
