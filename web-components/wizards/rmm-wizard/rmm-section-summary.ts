/**
 * @module What edit mode's summary says about a connected RMM (issue 17, item 1): the connection
 * (vendor, status, account with its platform or subdomain; keys only "stored"), the user-activity
 * organization (read-only: seeds 002 and 004 fix it at creation) with what it is for on this RMM
 * (Syncro's API has no user-activity feed), the site mapping, and Datto RMM's
 * settings. Each section's id is the machine state its Edit opens.
 */
import { STATUS_LABELS } from '../../../bff/contracts/integration-view.js';
import type { SummarySection } from '../shared/section-summary.js';
import { COPY, SITE_TYPE_COPY, STEPS, STEP_OF_STATE, VENDOR_LABEL } from './rmm-wizard.copy.js';
import { mappingPreview } from './rmm-wizard.logic.js';
import type { RmmWizardContext } from './rmm-wizard.types.js';

const E = COPY.editMode;

/** The progress list's name of the step a machine state shows. */
export function stepLabel(ctx: Pick<RmmWizardContext, 'vendor'>, state: string): string {
  const id = STEP_OF_STATE[ctx.vendor][state];
  return STEPS[ctx.vendor].find((s) => s.id === id)?.label ?? state;
}

export function rmmSummarySections(ctx: RmmWizardContext): SummarySection[] {
  const integration = ctx.integration;
  const organization = ctx.organizations.find((o) => o.id === ctx.userActivityOrganizationId)?.name ?? ctx.userActivityOrganizationId ?? COPY.notSet;
  // Exact-name matches count as mapped only once the sites are loaded; before that, the saved choices.
  const mapped = ctx.sites.length
    ? mappingPreview(ctx).filter((row) => row.organizationId).length
    : Object.values(ctx.mapping.choices).filter((c) => c.organizationId).length;
  const sections: SummarySection[] = [
    {
      id: 'credentials',
      label: E.connection,
      editLabel: E.replaceCredentials,
      lines: [
        { term: E.rmm, value: VENDOR_LABEL[ctx.vendor] },
        ...(integration ? [{ term: E.status, value: STATUS_LABELS[integration.status] ?? integration.status }] : []),
        { term: COPY.reviewAccount, value: integration?.accountLabel ?? COPY.notSet },
        { term: E.apiKeys, value: E.stored },
      ],
    },
    {
      id: 'user-activity', label: E.userActivity, readOnly: true,
      lines: [
        { term: E.userActivity, value: `${organization}. ${E.userActivityFixed}` },
        // Syncro's API gives no user activity: the summary says what the organization is for instead.
        { term: E.userActivityPurpose, value: COPY.userActivityPurpose(ctx.vendor) },
      ],
    },
    {
      id: 'mapping',
      label: stepLabel(ctx, 'mapping'),
      lines: [
        { term: COPY.reviewMapped, value: String(mapped) },
        { term: E.autoMap, value: ctx.mapping.autoMapExact ? E.on : E.off },
        ...(ctx.vendor === 'datto-rmm' ? [{ term: E.siteTypes, value: ctx.mapping.siteTypes.map((t) => SITE_TYPE_COPY[t].label).join(', ') }] : []),
      ],
    },
  ];
  if (ctx.vendor === 'datto-rmm') {
    const field = ctx.customFields.find((f) => f.name === ctx.entraDeviceIdField)?.label ?? ctx.entraDeviceIdField ?? COPY.notSet;
    sections.push({ id: 'parameters', label: E.settings, lines: [{ term: COPY.reviewEntra, value: field }] });
  }
  return sections;
}
