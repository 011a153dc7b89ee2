/**
 * Model-based tests of both RMM machines (xstate/graph createTestModel): the model walks the
 * shortest path to every reachable step state × guard outcome, with explicit event cases (valid and
 * invalid payloads, each actor's success and failure). Each path is replayed on the real machine
 * whose services are deferred promises the path settles, and after every step the actor must stand
 * where the model stands and agree on whether Next and Back are allowed: every guard, both ways.
 *
 * createTestModel refuses machines with invocations, so the model is the same machine config with
 * each `invoke` turned into the events it would produce (`xstate.done.actor.<id>` with an output,
 * `xstate.error.actor.<id>` with an error) and the same guards and actions.
 */
import { describe, expect, it } from 'vitest';
import { createActor, type AnyStateMachine, type SnapshotFrom } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { dattoRmmMachine } from '../../../../web-components/wizards/rmm-wizard/datto-rmm.machine.js';
import { syncroMachine } from '../../../../web-components/wizards/rmm-wizard/syncro.machine.js';
import { CREDENTIAL_FIELDS } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.schemas.js';
import { rmmWizardActors } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.services.js';
import { rmmWizardSetup } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.setup.js';
import type { RmmVendor, RmmWizardContext } from '../../../../web-components/wizards/rmm-wizard/rmm-wizard.types.js';
import { BOOT, CUSTOM_FIELDS, INTEGRATION, SITES, deferredServices, flush, problem } from './rmm-fakes.js';

const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, error: unknown) => ({ type: `xstate.error.actor.${id}`, error });

async function eventCases(vendor: RmmVendor) {
  const wrongCredentials = await problem(422, 'vendor_auth', [{ field: `credentials.${vendor === 'syncro' ? 'apiToken' : 'apiKey'}`, message: 'Not accepted' }]);
  const duplicate = await problem(409, 'duplicate_connection', [], { existingIntegrationId: 'existing' });
  const down = await problem(502, 'vendor_unavailable');
  const integration = vendor === 'syncro' ? { ...INTEGRATION, userActivityOrganizationId: null } : INTEGRATION;
  const credentialCases = vendor === 'syncro'
    ? [{ field: 'subdomain', value: 'sandbox' }, { field: 'apiToken', value: 'sandbox-token' }, { field: 'apiToken', value: '' }]
    : [{ field: 'platform', value: 'merlot' }, { field: 'apiKey', value: 'sandbox-key' }, { field: 'apiSecret', value: 'sandbox-secret' }, { field: 'apiKey', value: '' }];
  return [
    done('boot', BOOT), done('boot', { ...BOOT, duplicateOf: 'existing' }), failed('boot', down), { type: 'boot.retry' },
    { type: 'organization.select', organizationId: 'org-internal' }, { type: 'organization.select', organizationId: null },
    { type: 'duplicate.confirm', confirmed: true }, { type: 'duplicate.confirm', confirmed: false },
    ...credentialCases.map((c) => ({ type: 'credentials.change', ...c })),
    { type: 'step.next' }, { type: 'step.back' }, { type: 'step.attempt' }, { type: 'wizard.cancel' },
    done('connect', integration), failed('connect', wrongCredentials), failed('connect', duplicate),
    done('replaceCredentials', integration), failed('replaceCredentials', wrongCredentials),
    done('loadSites', SITES), failed('loadSites', down), { type: 'sites.retry' }, { type: 'sites.refresh' }, done('refreshSites', SITES),
    { type: 'mapping.siteTypes', siteTypes: [] }, { type: 'mapping.siteTypes', siteTypes: ['managed'] },
    done('saveMapping', { userActivityOrganizationId: 'org-internal', autoMapExact: false, siteTypes: ['managed'], mappings: [] }), failed('saveMapping', down),
    done('loadCustomFields', CUSTOM_FIELDS), failed('loadCustomFields', down), { type: 'customFields.retry' },
    done('saveParameters', { entraDeviceIdField: null }), failed('saveParameters', down),
    done('complete', { ...integration, status: 'connected' }), failed('complete', down),
  ];
}

/**
 * What tells two snapshots apart for the model: the step, and what the guards read (organization
 * chosen, duplicate and its confirmation, which credential fields are filled, the connection, the
 * site-type filter). Everything else (typed texts, lists) would only multiply equivalent states.
 */
function abstractOf(vendor: RmmVendor) {
  return (snapshot: SnapshotFrom<AnyStateMachine>) => {
    const ctx = snapshot.context as RmmWizardContext;
    return JSON.stringify({
      value: snapshot.value,
      org: Boolean(ctx.userActivityOrganizationId),
      duplicate: Boolean(ctx.duplicateOf),
      confirmed: ctx.confirmSeparateInstance,
      credentials: CREDENTIAL_FIELDS[vendor].map((f) => Boolean(ctx.credentials[f.name])),
      integration: Boolean(ctx.integration),
      siteTypes: ctx.mapping.siteTypes.length > 0,
    });
  };
}

const MACHINES = { 'datto-rmm': dattoRmmMachine, syncro: syncroMachine } as const;

type StateConfig = { invoke?: { id: string; onDone?: unknown; onError?: unknown }; on?: Record<string, unknown>; states?: Record<string, StateConfig> };

/** The machine's config with every invoke replaced by transitions on the events it would send. */
function withoutInvokes(config: StateConfig): StateConfig {
  const { invoke, states, ...rest } = config;
  const on = { ...rest.on };
  if (invoke) {
    if (invoke.onDone) on[`xstate.done.actor.${invoke.id}`] = invoke.onDone;
    if (invoke.onError) on[`xstate.error.actor.${invoke.id}`] = invoke.onError;
  }
  return {
    ...rest,
    ...(Object.keys(on).length ? { on } : {}),
    ...(states ? { states: Object.fromEntries(Object.entries(states).map(([k, v]) => [k, withoutInvokes(v)])) } : {}),
  };
}

const modelOf = (machine: AnyStateMachine) => rmmWizardSetup.createMachine(withoutInvokes(machine.config as StateConfig) as never) as unknown as AnyStateMachine;

for (const vendor of ['datto-rmm', 'syncro'] as const) {
  describe(`${vendor} machine, model-based`, async () => {
    const machine = MACHINES[vendor] as AnyStateMachine;
    const events = await eventCases(vendor);
    const model = createTestModel(modelOf(machine), { events: events as never, serializeState: abstractOf(vendor) as never, input: { vendor } as never });
    // One path per step state × Next/Back outcome: the shortest path to each abstract state, then
    // the shortest of those per group (every guard's two answers, without thousands of equivalent walks).
    const groups = new Map<string, ReturnType<typeof model.getShortestPaths>[number]>();
    for (const path of model.getShortestPaths({ allowDuplicatePaths: true })) {
      const key = JSON.stringify([path.state.value, path.state.can({ type: 'step.next' }), path.state.can({ type: 'step.back' })]);
      const kept = groups.get(key);
      if (!kept || path.steps.length < kept.steps.length) groups.set(key, path);
    }
    const paths = [...groups.values()];

    it('reaches every step, Connected and Cancelled', () => {
      const values = new Set(paths.map((p) => JSON.stringify(p.state.value)));
      const expected = vendor === 'syncro'
        ? ['"credentials"', '"mapping"', '"finish"']
        : ['"organization"', '"credentials"', '"mapping"', '"parameters"', '"finish"'];
      for (const step of expected) expect([...values].some((v) => v === step || v.startsWith(`{${step}:`))).toBe(true);
      expect(values).toContain('"done"');
      expect(values).toContain('"cancelled"');
    });

    for (const path of paths) {
      const walk = path.steps.map((s) => s.event.type.replace(/^xstate\.(done|error)\.actor\./, '$1:')).slice(1).join(' → ');
      const name = `${JSON.stringify(path.state.value)} (Next ${path.state.can({ type: 'step.next' }) ? 'allowed' : 'refused'}): ${walk}`;
      it(name, async () => {
        const deferred = deferredServices();
        const actor = createActor(machine.provide({ actors: rmmWizardActors(deferred.services) }), { input: { vendor } });
        actor.start();
        await path.test({
          events: Object.fromEntries(events.map((e) => [e.type, async (step: { event: { type: string; output?: unknown; error?: unknown } }) => {
            const { type } = step.event;
            const m = /^xstate\.(done|error)\.actor\.(\w+)$/.exec(type);
            if (m) deferred.settle(m[2] === 'refreshSites' ? 'loadSites' : m[2]!, m[1] === 'done' ? { output: step.event.output } : { error: step.event.error });
            else actor.send(step.event as never);
            await flush();
          }])),
          states: {
            '*': (expected: SnapshotFrom<AnyStateMachine>) => {
              const actual = actor.getSnapshot();
              expect(actual.value).toEqual(expected.value);
              expect(actual.can({ type: 'step.next' })).toBe(expected.can({ type: 'step.next' }));
              expect(actual.can({ type: 'step.back' })).toBe(expected.can({ type: 'step.back' }));
            },
          },
        });
        actor.stop();
      });
    }
  });
}
