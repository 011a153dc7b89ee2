/**
 * @module What `<psa-wizard>` reads before it opens: its draft (dropped when the draft integration it
 * points at was deleted or finished meanwhile) and, for a new wizard, the partner's PSA if it already
 * has one (one PSA per partner).
 */
import type { ApiClient, IntegrationView } from '../../api/client.js';
import { WizardDraftStore } from '../shared/draft-store.js';
import { json } from '../shared/wizard-api.js';
import { PSA_WIZARD_MACHINE_VERSION } from './psa-wizard.machine.js';
import type { PsaVendor } from './psa-wizard.types.js';

export interface PsaWizardOpening {
  /** Where the wizard's draft is saved as it goes. */
  drafts: WizardDraftStore;
  /** The draft's machine snapshot to resume, if there is one. */
  snapshot: { context?: { integrationId?: string | null } } | undefined;
  /** The partner's PSA, when a new wizard was opened while it has one: only the offer to edit it is shown. */
  existing: IntegrationView | undefined;
}

/** Loads the draft of `vendor`'s wizard (of `integrationId` when editing) and checks for an existing PSA. */
export async function openPsaWizard(api: ApiClient, vendor: PsaVendor, integrationId: string | null, onDraftError: () => void): Promise<PsaWizardOpening> {
  const drafts = new WizardDraftStore({
    api, wizard: `psa:${vendor}`, version: PSA_WIZARD_MACHINE_VERSION, integrationId,
    // "Finish setup" on an unfinished integration resumes the draft of the new wizard that created it.
    integrationOf: (draft) => (draft as { context?: { integrationId?: string | null } } | null)?.context?.integrationId,
    onError: onDraftError,
  });
  let snapshot = await drafts.load().catch(() => undefined) as { context?: { integrationId?: string | null } } | undefined;
  // A new wizard's draft points at the draft integration it created; if that was deleted or finished meanwhile, start over.
  const draftIntegration = snapshot?.context?.integrationId;
  if (snapshot && draftIntegration && !integrationId) {
    const alive = await json(api.rpc.api.integrations[':id'].$get({ param: { id: draftIntegration } }), api.apiBase).then((i) => i.status === 'draft', () => false);
    if (!alive) {
      await drafts.discard().catch(() => {});
      snapshot = undefined;
    }
  }
  // One PSA per partner: a new wizard (not resuming its own draft integration) first checks for one, before any vendor
  // field is asked. If the list cannot be read, the wizard opens and the BFF still refuses a second PSA at Credentials.
  const existing = !integrationId && !snapshot?.context?.integrationId
    ? (await api.integrations.list('psa').catch(() => []))[0]
    : undefined;
  return { drafts, snapshot, existing };
}
