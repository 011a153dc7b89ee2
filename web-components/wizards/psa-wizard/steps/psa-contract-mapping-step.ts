/**
 * @module Step 4, Contract Mapping (optional): the two switches, User Sync Day, the Default
 * Contract Service (choose one, or "Create Service" in the PSA with prefilled name, cost and
 * price), and per mapped organization its contract (loaded for its PSA account), "Add Service to
 * Contract" and cost/price overrides. Finishable with everything off.
 */
import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { ContractMappingRow } from '../../../../bff/contracts/psa-settings.js';
import type { PsaContract } from '../../../../bff/contracts/model.js';
import { AsyncListController } from '../../shared/async-list.js';
import type { FieldChangeEvent } from '../../shared/fields/field-change-event.js';
import type { OrganizationOption } from '../psa-wizard.api.js';
import { COPY, contractCopy } from '../psa-wizard.copy.js';
import { newServiceErrors } from '../psa-wizard.validation.js';
import { serviceAmountDefaults } from '../psa-wizard.values.js';
import { visibleErrors } from '../../shared/form-state.js';
import { PsaStepElement } from './psa-step-base.js';

type ContractsState = PsaContract[] | 'loading' | 'error';

/** Text typed into a number field, as the number the contract wants ('' is "no override"). */
function toAmount(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

/**
 * Internal. The contract-mapping step of `<psa-wizard>`.
 *
 * @internal
 */
export class IhPsaContractMappingStep extends PsaStepElement {
  protected readonly step = 'contract-mapping' as const;

  readonly organizations = new AsyncListController<OrganizationOption[]>(this);
  @state() private contracts = new Map<string, ContractsState>();
  /** What was typed into number fields, so "12." is not turned into "12" under the cursor. */
  private raw = new Map<string, string>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('data') && this.data) {
      const data = this.data;
      void this.organizations.load(() => data.organizations());
    }
  }

  private loadContracts(accountId: string): void {
    if (!this.data || this.contracts.has(accountId)) return;
    this.contracts = new Map(this.contracts).set(accountId, 'loading');
    this.data.contracts(accountId).then(
      (list) => { this.contracts = new Map(this.contracts).set(accountId, list); },
      () => { this.contracts = new Map(this.contracts).set(accountId, 'error'); },
    );
  }

  /** Retry for one organization's contracts: asks again for that account only (failed loads are not cached) and keeps focus in the row. */
  private async retryContracts(accountId: string): Promise<void> {
    const next = new Map(this.contracts);
    next.delete(accountId);
    this.contracts = next;
    this.loadContracts(accountId);
    await this.updateComplete;
    // The Retry button is gone while loading: focus the contract choice it belonged to, not the page.
    this.renderRoot.querySelector<HTMLElement>(`ih-select-field[data-account-id="${CSS.escape(accountId)}"]`)?.focus();
  }

  private numberText(path: string, value: number | null): string {
    const typed = this.raw.get(path);
    return typed !== undefined && toAmount(typed) === value ? typed : value === null ? '' : String(value);
  }

  private setRow(organizationId: string, patch: Partial<ContractMappingRow> | null): void {
    const rows = this.context.contract.mappings;
    const index = rows.findIndex((r) => r.organizationId === organizationId);
    let next: ContractMappingRow[];
    if (patch === null) next = rows.filter((r) => r.organizationId !== organizationId);
    else if (index === -1) next = [...rows, { organizationId, contractId: '', contractName: '', addService: false, serviceId: null, unitCost: null, unitPrice: null, ...patch }];
    else next = rows.map((r, i) => (i === index ? { ...r, ...patch } : r));
    this.send({ type: 'field.change', path: 'contract.mappings', value: next });
  }

  /** "Add Service to Contract": on, it brings the service's cost and price as editable defaults. */
  private setAddService(organizationId: string, row: ContractMappingRow, checked: boolean): void {
    this.setRow(organizationId, checked ? { addService: true, ...serviceAmountDefaults(row, this.context.contract, this.context.services) } : { addService: false });
  }

  private onNumber(e: FieldChangeEvent): void {
    e.stopPropagation();
    const text = String(e.value);
    this.raw.set(e.name, text);
    this.send({ type: 'field.change', path: e.name, value: toAmount(text) });
  }

  private onDefaultService(e: FieldChangeEvent): void {
    e.stopPropagation();
    const service = this.context.services?.find((s) => s.id === e.value);
    this.send({ type: 'fields.change', changes: { 'contract.defaultServiceId': e.value, 'contract.defaultServiceName': service?.name ?? null } });
  }

  protected override render() {
    const c = this.context;
    const k = c.contract;
    const copy = contractCopy(this.context.vendor);
    const loading = this.snapshot.matches({ contractMapping: 'loading' });
    const failed = this.snapshot.matches({ contractMapping: 'failed' });
    const creating = this.snapshot.matches({ contractMapping: 'creatingService' });
    const serviceErrors = visibleErrors(newServiceErrors(c), c.touched, false, c.serverErrors);
    const serviceOptions = (c.services ?? []).map((s) => ({ value: s.id, label: s.name }));
    return html`
      <div class="ih-root" @ih-field-change=${this.onFieldChange}>
        <p class="intro">${copy.intro}</p>
        ${this.renderProblem()}
        <ih-switch-field name="contract.addContractsToTickets" label=${copy.addToTickets} hint=${copy.addToTicketsHint} .value=${k.addContractsToTickets}></ih-switch-field>
        <ih-switch-field name="contract.syncBillableUsers" label=${copy.sync} hint=${copy.syncHint} .value=${k.syncBillableUsers}></ih-switch-field>
        <div class="grid">
          <ih-text-field name="contract.userSyncDay" label=${copy.syncDay} hint=${copy.syncDayHint} type="number" min="1" max="28" step="1" inputmode="numeric"
            .value=${this.numberText('contract.userSyncDay', k.userSyncDay)} error=${this.error('contract.userSyncDay')} ?required=${k.syncBillableUsers}
            @ih-field-change=${(e: FieldChangeEvent) => this.onNumber(e)}></ih-text-field>
          ${loading || failed ? html`<ih-load-status label="contract services" status=${failed ? 'error' : 'loading'} problem-detail=${c.problem?.detail ?? ''}
              @ih-load-retry=${() => this.send({ type: 'lists.retry' })}></ih-load-status>`
            : html`<ih-select-field name="contract.defaultServiceId" label=${copy.defaultService} hint=${copy.defaultServiceHint} .options=${serviceOptions}
              .value=${k.defaultServiceId} error=${this.error('contract.defaultServiceId')} ?required=${k.syncBillableUsers} ?optional=${!k.syncBillableUsers}
              allow-empty placeholder="None" @ih-field-change=${this.onDefaultService}></ih-select-field>`}
        </div>
        <fieldset>
          <legend>${copy.createTitle}</legend>
          <p class="note">${copy.createHint}</p>
          <div class="grid">
            <ih-text-field name="newService.name" label=${copy.serviceName} .value=${c.newService.name} error=${serviceErrors['newService.name'] ?? ''} required></ih-text-field>
            <ih-text-field name="newService.unitCost" label=${copy.cost} type="number" min="0" step="0.01" inputmode="decimal" .value=${c.newService.unitCost} error=${serviceErrors['newService.unitCost'] ?? ''} required></ih-text-field>
            <ih-text-field name="newService.unitPrice" label=${copy.price} type="number" min="0" step="0.01" inputmode="decimal" .value=${c.newService.unitPrice} error=${serviceErrors['newService.unitPrice'] ?? ''} required></ih-text-field>
          </div>
          <p><button type="button" part="button create-service-button" aria-disabled=${creating ? 'true' : 'false'}
            @click=${() => { if (!creating) this.send(this.snapshot.can({ type: 'service.create' }) ? { type: 'service.create' } : { type: 'service.refuse' }); }}>${creating ? 'Creating…' : copy.create}</button></p>
        </fieldset>
        ${this.renderTable()}
      </div>`;
  }

  private renderTable() {
    const copy = contractCopy(this.context.vendor);
    const c = this.context;
    const names = new Map((this.organizations.value ?? []).map((o) => [o.id, o.name]));
    const mapped = c.accountMapping.mappings.filter((m) => m.organizationId);
    if (!mapped.length) return html`<section aria-labelledby="contracts-title"><h4 id="contracts-title">${copy.tableLabel}</h4><p class="note">${copy.noMappedOrganizations}</p></section>`;
    return html`
      <section aria-labelledby="contracts-title">
        <h4 id="contracts-title">${copy.tableLabel}</h4>
        <p class="note">${copy.tableHint}</p>
        <ih-load-status label="organizations" .list=${this.organizations}></ih-load-status>
        <table class="cards" aria-labelledby="contracts-title">
          <thead><tr><th scope="col">Organization (PSA account)</th><th scope="col">${copy.contract}</th><th scope="col">${copy.addService}</th><th scope="col">${copy.costOverride}</th><th scope="col">${copy.priceOverride}</th></tr></thead>
          <tbody>
            ${mapped.map((m) => {
              const orgId = m.organizationId!;
              const name = names.get(orgId) ?? orgId;
              const index = c.contract.mappings.findIndex((r) => r.organizationId === orgId);
              const row = index === -1 ? undefined : c.contract.mappings[index];
              const state = this.contracts.get(m.psaAccountId);
              if (state === undefined) queueMicrotask(() => this.loadContracts(m.psaAccountId));
              const list = Array.isArray(state) ? state : [];
              const err = (field: string) => (index === -1 ? '' : this.error(`contract.mappings.${index}.${field}`));
              return html`
                <tr>
                  <th scope="row">${name}<small class="note"> (${m.psaAccountName})</small></th>
                  <td data-label=${copy.contract}><ih-select-field data-account-id=${m.psaAccountId} hide-label label="${copy.contract} for ${name}" allow-empty placeholder=${state === 'loading' ? 'Loading contracts…' : state === 'error' ? 'Contracts could not be loaded' : list.length ? 'No contract' : 'No contracts in the PSA'}
                    ?loading=${state === 'loading'} .options=${list.filter((x) => x.isActive).map((x) => ({ value: x.id, label: x.name }))} .value=${row?.contractId || null} error=${err('contractId')}
                    @ih-field-change=${(e: FieldChangeEvent) => { e.stopPropagation(); const id = e.value as string | null; this.setRow(orgId, id ? { contractId: id, contractName: list.find((x) => x.id === id)?.name ?? '' } : null); }}></ih-select-field>
                    ${state === 'error' ? html`<button type="button" part="button retry-button" aria-label=${copy.retryContracts(name)}
                      @click=${() => void this.retryContracts(m.psaAccountId)}>${COPY.retry}</button>` : nothing}</td>
                  <td data-label=${copy.addService}><input type="checkbox" aria-label="${copy.addService} for ${name}" .checked=${row?.addService ?? false} ?disabled=${!row}
                    aria-invalid=${err('addService') ? 'true' : nothing} aria-describedby=${err('addService') ? `add-service-error-${index}` : nothing}
                    @change=${(e: Event) => { if (row) this.setAddService(orgId, row, (e.target as HTMLInputElement).checked); }}>
                    ${err('addService') ? html`<p class="error" id="add-service-error-${index}">${err('addService')}</p>` : nothing}</td>
                  ${(['unitCost', 'unitPrice'] as const).map((field) => html`
                    <td data-label=${field === 'unitCost' ? copy.costOverride : copy.priceOverride}><ih-text-field hide-label label="${field === 'unitCost' ? copy.costOverride : copy.priceOverride} for ${name}" type="number" min="0" step="0.01" inputmode="decimal" ?disabled=${!row}
                      .value=${this.numberText(`row.${orgId}.${field}`, row?.[field] ?? null)} error=${err(field)}
                      @ih-field-change=${(e: FieldChangeEvent) => { e.stopPropagation(); this.raw.set(`row.${orgId}.${field}`, String(e.value)); this.setRow(orgId, { [field]: toAmount(String(e.value)) }); }}></ih-text-field></td>`)}
                </tr>`;
            })}
          </tbody>
        </table>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-psa-contract-mapping-step': IhPsaContractMappingStep;
  }
}
