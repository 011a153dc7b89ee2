/**
 * @module `<ih-rmm-mapping-step>` (internal): Datto RMM's Organization Mapping / Syncro's Account
 * Mapping: which vendor sites (Datto sites, Syncro customers) feed which platform organization.
 * The preview shows what saving stores, exact-name auto-matches included; the list is virtualized
 * (an MSP's RMM can hold thousands of sites).
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { RMM_SITE_TYPES, type RmmSiteType } from '../../../../bff/contracts/model.js';
import { space, token } from '../../../styles/tokens.js';
import { mappingCounts, mappingPreview, userActivityLocked, type MappingRowView } from '../rmm-wizard.logic.js';
import { COPY, SITE_TYPE_COPY } from '../rmm-wizard.copy.js';
import { RmmStepBase, stepStyles } from './rmm-step-base.js';

/** Internal. @internal */
export class IhRmmMappingStep extends RmmStepBase {
  static override styles = [stepStyles, css`
    :host { container-type: inline-size; }
    fieldset { border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')}; padding: ${space(1)} ${space(1.5)}; margin: 0; display: grid; gap: ${space(0.75)}; }
    legend { font-weight: 600; padding: 0 ${space(0.5)}; }
    .type-note { color: ${token('--ih-color-text-muted')}; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: end; gap: ${space(1)} ${space(2)}; }
    .filter { display: grid; gap: ${space(0.25)}; }
    .filter label { font-weight: 600; }
    .filter input {
      font: inherit; color: ${token('--ih-color-text')}; background: ${token('--ih-color-surface')};
      border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')};
      padding: ${space(0.5)} ${space(1)}; min-height: 2.25rem; box-sizing: border-box; inline-size: 18rem; max-inline-size: 100%;
    }
    .sites {
      display: block; block-size: var(--ih-site-list-height, 24rem); overflow: auto;
      border: 1px solid ${token('--ih-color-border')}; border-radius: ${token('--ih-radius')};
    }
    .site-row {
      inline-size: 100%; box-sizing: border-box;
      display: grid; grid-template-columns: minmax(10rem, 1fr) minmax(12rem, 18rem) auto; align-items: center;
      gap: ${space(0.5)} ${space(1.5)}; padding: ${space(0.75)} ${space(1.5)};
      border-block-end: 1px solid ${token('--ih-color-border')};
    }
    .site-name { font-weight: 600; }
    .site-meta { display: block; color: ${token('--ih-color-text-muted')}; font-size: 0.9em; }
    .badge { font-size: 0.85em; color: ${token('--ih-color-success')}; }
    .row-extra { display: grid; gap: ${space(0.25)}; }
    .summary { margin: 0; }
    .empty { padding: ${space(1.5)}; color: ${token('--ih-color-text-muted')}; }
    /* A phone: each site is a card, its organization under its name. */
    @container (max-width: 36rem) {
      .site-row { grid-template-columns: minmax(0, 1fr); padding: ${space(1)}; }
    }
  `];

  @state() private filter = '';

  private toggleType(type: RmmSiteType, on: boolean): void {
    const next = RMM_SITE_TYPES.filter((t) => (t === type ? on : this.context.mapping.siteTypes.includes(t)));
    this.send({ type: 'mapping.siteTypes', siteTypes: next });
  }

  private renderUserActivity() {
    const ctx = this.context;
    if (userActivityLocked(ctx)) {
      return html`
        <div role="group" aria-labelledby="ua-label">
          <p id="ua-label"><strong>${COPY.userActivityLabel}</strong></p>
          <p part="read-only-organization">${COPY.lockedOrganization(this.organizationName(ctx.integration!.userActivityOrganizationId))}</p>
          <p class="muted">${COPY.userActivityPurpose(ctx.vendor)}</p>
        </div>`;
    }
    return html`
      <ih-select-field name="userActivityOrganizationId" label=${COPY.userActivityLabel} hint=${COPY.userActivityHint} required
        placeholder=${COPY.chooseOrganization} .value=${ctx.userActivityOrganizationId}
        .options=${ctx.organizations.map((o) => ({ value: o.id, label: o.name }))}
        .error=${this.errorFor('userActivityOrganizationId')}></ih-select-field>`;
  }

  private renderSiteTypes() {
    const error = this.errorFor('siteTypes');
    const deleted = this.context.mapping.siteTypes.includes('deleted');
    return html`
      <fieldset part="site-types" aria-describedby=${error ? 'types-error' : nothing}>
        <legend>${COPY.siteTypesLegend}</legend>
        ${RMM_SITE_TYPES.map((type, i) => html`
          <label class="check">
            <input type="checkbox" name="siteTypes" value=${type} .checked=${this.context.mapping.siteTypes.includes(type)}
              ?invalid=${Boolean(error) && i === 0} aria-invalid=${error ? 'true' : nothing}
              aria-describedby=${type === 'deleted' && deleted ? 'deleted-warning' : nothing}
              @change=${(e: Event) => this.toggleType(type, (e.target as HTMLInputElement).checked)}>
            <span>${SITE_TYPE_COPY[type].label} <span class="type-note">(${SITE_TYPE_COPY[type].note})</span></span>
          </label>`)}
        <!-- The live region is always there, so ticking the box fills it and screen readers announce the reason. -->
        <div id="deleted-warning" role="status" part="deleted-devices-warning">
          ${deleted ? html`<p class="warning"><span><strong>${COPY.deletedDevicesWarningTitle}</strong> ${COPY.deletedDevicesWarning}</span></p>` : nothing}
        </div>
        ${error ? html`<p id="types-error" class="check-error">${error}</p>` : nothing}
      </fieldset>`;
  }

  private renderRow(row: MappingRowView, index: number, total: number) {
    const { site } = row;
    const syncro = this.context.vendor === 'syncro';
    const meta = [SITE_TYPE_COPY[site.type].label, COPY.devices(site.deviceCount)].filter(Boolean).join(' · ');
    return html`
      <div class="site-row" role="listitem" aria-posinset=${index + 1} aria-setsize=${total} data-site=${site.id}>
        <div><span class="site-name">${site.name}</span><span class="site-meta">${meta}</span></div>
        <ih-select-field compact hide-label name=${`sites.${site.id}`} label=${COPY.orgFor(site.name)} allow-empty
          placeholder=${COPY.notMapped} .value=${row.organizationId} .options=${this.orgOptions}
          .error=${this.errorFor(`sites.${site.id}`)}></ih-select-field>
        <div class="row-extra">
          ${row.auto ? html`<span class="badge" part="auto-badge">${COPY.autoBadge}</span>` : nothing}
          ${syncro ? html`
            <label class="check">
              <input type="checkbox" name=${`ignore.${site.id}`} .checked=${row.ignoreAutoMap} aria-label=${COPY.ignoreFor(site.name)}
                @change=${(e: Event) => this.send({ type: 'mapping.ignore', siteId: site.id, ignored: (e.target as HTMLInputElement).checked })}>
              <span aria-hidden="true">${COPY.ignore}</span>
            </label>` : nothing}
        </div>
      </div>`;
  }

  private orgOptions: Array<{ value: string; label: string }> = [];

  protected override willUpdate(): void {
    // One options array for every row's select: rows re-render on scroll, options stay the same object.
    if (this.orgOptions.length !== this.context.organizations.length) this.orgOptions = this.context.organizations.map((o) => ({ value: o.id, label: o.name }));
  }

  protected override render() {
    const ctx = this.context;
    const vendor = ctx.vendor;
    const load = ctx.sitesLoad;
    const preview = mappingPreview(ctx);
    const { mapped, auto, unmapped } = mappingCounts(preview);
    const q = this.filter.trim().toLowerCase();
    const rows = q ? preview.filter((r) => r.site.name.toLowerCase().includes(q)) : preview;
    return html`
      <div class="step ih-root" @ih-field-change=${this.onFieldChange} @focusout=${this.onFocusOut}>
        ${vendor === 'syncro' ? this.renderUserActivity() : nothing}
        ${vendor === 'datto-rmm' ? this.renderSiteTypes() : nothing}
        <ih-switch-field name="autoMapExact" label=${COPY.autoMap(vendor)} hint=${COPY.autoMapHint(vendor)} .value=${ctx.mapping.autoMapExact}></ih-switch-field>
        <p class="note">${COPY.unmappedNote(vendor)}</p>
        <ih-load-status label=${COPY.sites(vendor)} status=${load.status === 'failed' ? 'error' : load.status}
          problem-detail=${load.problem?.detail ?? load.problem?.title ?? ''} @ih-load-retry=${() => this.send({ type: 'sites.retry' })}></ih-load-status>
        ${load.status === 'loaded' ? html`
          <p class="summary" part="mapping-summary" role="status">${COPY.counts(mapped, auto, unmapped)}</p>
          <div class="toolbar">
            <div class="filter">
              <label for="filter">${COPY.filterLabel}</label>
              <input id="filter" type="search" autocomplete="off" .value=${this.filter} @input=${(e: Event) => { this.filter = (e.target as HTMLInputElement).value; }}>
            </div>
            <button type="button" part="button refresh-button" @click=${() => this.send({ type: 'sites.refresh' })}>${COPY.refresh}</button>
          </div>
          ${rows.length
            ? html`<div class="sites" part="site-list" role="list" aria-label=${COPY.siteListLabel(vendor)}>
                ${virtualize({ items: rows, keyFunction: (r: MappingRowView) => r.site.id, renderItem: (r: MappingRowView, i: number) => this.renderRow(r, i, rows.length), scroller: true })}
              </div>`
            : html`<p class="empty">${q ? COPY.noMatch : COPY.noSites(vendor)}</p>`}` : nothing}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ih-rmm-mapping-step': IhRmmMappingStep;
  }
}
