/**
 * @module Saving the RMM wizards' sections and completing the connection. The user-activity
 * organization is immutable once set (seeds 002 and 004); exact-name auto-mapping is applied by
 * the server too, so what the admin saw is what is stored.
 */
import type { Repositories } from '../../db/repositories/index.js';
import type { IntegrationRecord } from '../../db/repositories/integrations.repo.js';
import { exactNameMatcher, rmmMappingSchema, rmmParametersSchema, rmmStoredSettingsSchema, USER_ACTIVITY_MESSAGES, type RmmMapping, type RmmParameters, type RmmStoredSettings } from '../contracts/rmm-settings.js';
import { fieldsFromZod, ProblemError, validationProblem, type FieldProblem } from '../errors.js';
import type { RmmCustomField } from '../contracts/entra-field.js';
import type { RmmSite } from '../contracts/model.js';
import { VENDOR_LABELS } from '../contracts/vendor-catalog.js';
import type { Actor } from './psa-setup.service.js';
import type { VendorGateway } from './vendor-gateway.js';

export class RmmSetupService {
  constructor(
    private readonly repos: Repositories,
    private readonly vendors: VendorGateway,
  ) {}

  storedSettings(integration: IntegrationRecord): RmmStoredSettings {
    return rmmStoredSettingsSchema.parse(integration.settings ?? {});
  }

  async sites(partner: string, integrationId: string, refresh = false): Promise<RmmSite[]> {
    const { adapter } = await this.vendors.rmm(partner, integrationId);
    return this.vendors.cached(integrationId, 'sites', () => adapter.listSites(), { refresh });
  }

  async customFields(partner: string, integrationId: string, refresh = false): Promise<RmmCustomField[]> {
    const { adapter } = await this.vendors.rmm(partner, integrationId);
    return this.vendors.cached(integrationId, 'custom-fields', () => adapter.listCustomFields(), { refresh });
  }

  async mapping(integration: IntegrationRecord): Promise<RmmMapping & { userActivityOrganizationId: string | null }> {
    const s = this.storedSettings(integration);
    return {
      userActivityOrganizationId: integration.userActivityOrganizationId,
      autoMapExact: s.autoMapExact,
      siteTypes: s.siteTypes,
      mappings: (await this.repos.mappings.listRmmSites(integration.id)).map(({ integrationId: _, ...row }) => row),
    };
  }

  async saveMapping(actor: Actor, integrationId: string, input: unknown) {
    const { integration } = await this.vendors.rmm(actor.partner, integrationId);
    const body = (input ?? {}) as { userActivityOrganizationId?: unknown };
    const parsed = rmmMappingSchema.safeParse(input);
    if (!parsed.success) throw validationProblem(fieldsFromZod(parsed.error));
    const value = parsed.data;
    const organizations = await this.repos.organizations.list(actor.partner);
    const orgIds = new Set(organizations.map((o) => o.id));
    const problems: FieldProblem[] = [];

    const requested = typeof body.userActivityOrganizationId === 'string' ? body.userActivityOrganizationId : null;
    let userActivityOrganizationId = integration.userActivityOrganizationId;
    if (userActivityOrganizationId && requested && requested !== userActivityOrganizationId) {
      throw new ProblemError(409, 'immutable_user_activity_organization', 'Cannot be changed', 'The User Activity Organization cannot be changed after the integration is configured.',
        { errors: [{ field: 'userActivityOrganizationId', message: 'The User Activity Organization cannot be changed after the integration is configured' }] });
    }
    if (!userActivityOrganizationId) {
      if (!requested) problems.push({ field: 'userActivityOrganizationId', message: USER_ACTIVITY_MESSAGES.syncro });
      else if (!orgIds.has(requested)) problems.push({ field: 'userActivityOrganizationId', message: 'Unknown organization' });
      else userActivityOrganizationId = requested;
    }
    value.mappings.forEach((row, i) => {
      if (row.organizationId && !orgIds.has(row.organizationId)) problems.push({ field: `mappings.${i}.organizationId`, message: 'Unknown organization' });
    });
    if (problems.length) throw validationProblem(problems);

    // The sites as the vendor has them now: names and types come from the vendor, not the browser.
    const sites = await this.sites(actor.partner, integrationId);
    const requestedBySite = new Map(value.mappings.map((m) => [m.siteId, m]));
    const matchName = exactNameMatcher(organizations);
    const rows = sites.map((site) => {
      const asked = requestedBySite.get(site.id);
      let organizationId = asked?.organizationId ?? null;
      const ignoreAutoMap = asked?.ignoreAutoMap ?? false;
      if (!organizationId && value.autoMapExact && !ignoreAutoMap && value.siteTypes.includes(site.type)) organizationId = matchName(site.name)?.id ?? null;
      return { siteId: site.id, siteName: site.name, siteType: site.type, organizationId, ignoreAutoMap };
    });
    const stored = this.storedSettings(integration);
    const settings: RmmStoredSettings = { ...stored, autoMapExact: value.autoMapExact, siteTypes: value.siteTypes, completedSections: stored.completedSections.includes('mapping') ? stored.completedSections : [...stored.completedSections, 'mapping'] };
    const mappedBefore = (await this.repos.mappings.listRmmSites(integration.id)).filter((r) => r.organizationId).length;
    await this.repos.mappings.replace(integration.id, { rmmSites: rows }, {
      integration: { partnerId: actor.partner, patch: { settings, userActivityOrganizationId } },
      audit: { partnerId: actor.partner, actor: actor.sub, action: 'rmm.mapping', target: `integration:${integration.id}`,
        before: { userActivityOrganizationId: integration.userActivityOrganizationId, mapped: mappedBefore },
        after: { userActivityOrganizationId, autoMapExact: value.autoMapExact, siteTypes: value.siteTypes, mapped: rows.filter((r) => r.organizationId).map((r) => `${r.siteId}→${r.organizationId}`) } },
    });
    return this.mapping((await this.repos.integrations.get(actor.partner, integration.id))!);
  }

  async saveParameters(actor: Actor, integrationId: string, input: unknown): Promise<RmmParameters> {
    const { integration } = await this.vendors.rmm(actor.partner, integrationId);
    const parsed = rmmParametersSchema.safeParse(input);
    if (!parsed.success) throw validationProblem(fieldsFromZod(parsed.error));
    const value = parsed.data;
    if (value.entraDeviceIdField) {
      const fields = await this.customFields(actor.partner, integrationId);
      if (!fields.some((f) => f.name === value.entraDeviceIdField)) throw validationProblem([{ field: 'entraDeviceIdField', message: `That field does not exist in ${VENDOR_LABELS[integration.vendor]}; choose one of the fields listed` }]);
    }
    const stored = this.storedSettings(integration);
    const settings: RmmStoredSettings = { ...stored, entraDeviceIdField: value.entraDeviceIdField, completedSections: stored.completedSections.includes('parameters') ? stored.completedSections : [...stored.completedSections, 'parameters'] };
    await this.repos.integrations.update(actor.partner, integration.id, { settings });
    await this.repos.audit.record({ partnerId: actor.partner, actor: actor.sub, action: 'rmm.parameters', target: `integration:${integration.id}`, before: { entraDeviceIdField: stored.entraDeviceIdField }, after: value });
    return value;
  }

  /** `connectedNow`: this call made it Connected (not an edit of a connected or disconnected one). */
  async complete(actor: Actor, integrationId: string): Promise<{ integration: IntegrationRecord; connectedNow: boolean }> {
    const { integration } = await this.vendors.rmm(actor.partner, integrationId);
    const stored = this.storedSettings(integration);
    const problems: FieldProblem[] = [];
    if (!integration.userActivityOrganizationId) problems.push({ field: 'userActivityOrganizationId', message: USER_ACTIVITY_MESSAGES.syncro });
    if (!stored.completedSections.includes('mapping')) problems.push({ field: 'mapping', message: 'Organization mapping is required' });
    if (problems.length) throw validationProblem(problems, 'The integration cannot be completed until the required steps are done.');
    const status = integration.status === 'disconnected' ? 'disconnected' : 'connected';
    const after = (await this.repos.integrations.update(actor.partner, integration.id, { status }))!;
    await this.repos.audit.record({ partnerId: actor.partner, actor: actor.sub, action: 'integration.complete', target: `integration:${integration.id}`, before: { status: integration.status }, after: { status } });
    return { integration: after, connectedNow: integration.status === 'draft' && status === 'connected' };
  }
}
