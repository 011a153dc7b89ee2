/**
 * @module The Kaseya BMS sandbox's finance side: contract lookup by account, the service catalog
 * (lookup, search, read, create) and adding services to a recurring-services contract, which is
 * also how a service's units change (the V2 API has no PUT for a contract's service).
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../common/sandbox-kit.js';
import type { BmsContractService, BmsData, BmsService } from './kaseya-bms.seed.js';
import { contractLookupDto, recurringServiceDto, serviceListDto, serviceOutputDto } from './kaseya-bms-dto.sandbox.js';
import {
  Query, contains, dateField, field, fail, intField, jsonBody, nowIso, numberField, ok, pageFromQuery, pageOf, paged, stringField,
  validationFailed,
} from './kaseya-bms-wire.sandbox.js';

export function registerFinanceRoutes(app: Hono, state: SandboxState<BmsData>): void {
  app.get('/v2/finance/contracts/lookup', (c) => {
    const q = new Query(c.req.url);
    const data = state.data;
    const accountId = q.int('AccountId');
    const ids = new Set(q.all('Ids').map(Number));
    const excludeExpired = q.bool('ExcludeExpiredContracts') === true;
    const now = Date.now();
    const list = data.contracts.filter((k) =>
      (accountId === undefined || k.accountId === accountId) && (ids.size === 0 || ids.has(k.id)) && contains(k.name, q.get('Name'))
      && !(excludeExpired && k.endDate !== null && Date.parse(k.endDate) < now));
    return ok(c, list.map((k) => contractLookupDto(data, k)));
  });

  app.post('/v2/finance/contracts/recurringservices/:contractId{[0-9]+}/services', async (c) => {
    const data = state.data;
    const contract = data.contracts.find((k) => k.id === Number(c.req.param('contractId')));
    if (!contract) return fail(c, 404, 'Contract not found.');
    const body = await jsonBody(c);
    if (!Array.isArray(body) || body.length === 0) return validationFailed(c, ['At least one service is required.']);
    const errors: string[] = [];
    body.forEach((item, i) => {
      if (!intField(item, 'ServiceId')) errors.push(`[${i}].ServiceId: The ServiceId field is required.`);
      const units = intField(item, 'Units');
      if (units === undefined || units === null || units < 0) errors.push(`[${i}].Units: The Units field must be a whole number of at least 0.`);
    });
    if (errors.length) return validationFailed(c, errors);
    if (contract.kind !== 'recurring') return fail(c, 200, 'Services can only be added to a recurring services contract.');
    if (!contract.isActive) return fail(c, 200, 'The contract is not active.');
    const services = body.map((item) => data.services.find((s) => s.id === intField(item, 'ServiceId')));
    const missing = services.findIndex((s) => !s || !s.isActive);
    if (missing >= 0) return fail(c, 200, `Service ${String(intField(body[missing], 'ServiceId'))} was not found or is inactive.`);

    const at = nowIso();
    const lines = body.map((item, i) => upsertLine(data, contract.id, services[i]!, item, at));
    for (const { line, added } of lines) {
      state.recordWrite('contract-service.units', line.id, {
        contractId: line.contractId, serviceId: line.serviceId, units: line.units, unitCost: line.unitCost, unitPrice: line.unitPrice,
        effectiveDate: line.effectiveDate, added,
      });
    }
    // ASSUMPTION: the spec answers one RecurringServicePostOutputDto for an array; the sandbox returns the first line.
    return ok(c, recurringServiceDto(data, lines[0]!.line));
  });

  app.get('/v2/admin/finance/services/lookup', (c) => {
    const q = new Query(c.req.url);
    const id = q.int('Filter.Id');
    const list = state.data.services.filter((s) => s.isActive && (id === undefined || s.id === id) && contains(s.name, q.get('Filter.Name')));
    return paged(c, pageFromQuery(list, q).map((s) => ({ id: s.id, name: s.name, description: s.description })), list.length);
  });

  app.post('/v2/admin/finance/services/search', async (c) => {
    const body = await jsonBody(c);
    const filter = field(body, 'Filter');
    const flag = (name: string) => intField(filter, name);
    const list = state.data.services.filter((s) =>
      contains(s.name, stringField(filter, 'Name')) && contains(s.description, stringField(filter, 'Description'))
      && (flag('IsActive') == null || s.isActive === (flag('IsActive') === 1))
      && (flag('IsTaxable') == null || s.isTaxable === (flag('IsTaxable') === 1)));
    const page = pageOf(list, intField(body, 'PageSize') ?? undefined, intField(body, 'PageNumber') ?? undefined);
    return paged(c, page.map(serviceListDto), list.length);
  });

  app.get('/v2/admin/finance/services/:serviceId{[0-9]+}', (c) => {
    const service = state.data.services.find((s) => s.id === Number(c.req.param('serviceId')));
    return service ? ok(c, serviceOutputDto(service)) : fail(c, 404, 'Service not found.');
  });

  app.post('/v2/admin/finance/services/services', async (c) => {
    const data = state.data;
    const body = await jsonBody(c);
    const name = stringField(body, 'Name')?.trim();
    const unitCost = numberField(body, 'UnitCost');
    const unitPrice = numberField(body, 'UnitPrice');
    const errors: string[] = [];
    // ASSUMPTION: the spec marks nothing required; a name and a price are what BMS's form insists on.
    if (!name) errors.push('The Name field is required.');
    if (unitPrice === undefined || unitPrice === null || unitPrice < 0) errors.push('The UnitPrice field is required.');
    if (unitCost !== undefined && unitCost !== null && unitCost < 0) errors.push('The UnitCost field must not be negative.');
    if (errors.length) return validationFailed(c, errors);
    if (data.services.some((s) => s.name.toLowerCase() === name!.toLowerCase())) return fail(c, 200, `A service named '${name}' already exists.`);
    const at = nowIso();
    const service: BmsService = {
      id: data.nextId.service++, name: name!, description: stringField(body, 'Description') ?? null, unitCost: unitCost ?? 0,
      unitPrice: unitPrice!, isActive: field(body, 'IsActive') !== false, isTaxable: field(body, 'IsTaxable') === true, createdOn: at, modifiedOn: at,
    };
    data.services.push(service);
    state.recordWrite('service', service.id, { name: service.name, description: service.description, unitCost: service.unitCost, unitPrice: service.unitPrice });
    return ok(c, serviceOutputDto(service));
  });
}

/**
 * Adds a service to the contract, or (ASSUMPTION, psa-apis.md B3 option b) treats a re-post of a
 * service already on it as an effective-dated change of its units and prices.
 */
function upsertLine(data: BmsData, contractId: number, service: BmsService, item: unknown, at: string): { line: BmsContractService; added: boolean } {
  const units = intField(item, 'Units')!;
  const unitCost = numberField(item, 'UnitCost') ?? service.unitCost;
  const unitPrice = numberField(item, 'UnitPrice') ?? service.unitPrice;
  const effectiveDate = dateField(item, 'EffectiveDate') ?? at;
  const existing = data.contractServices.find((l) => l.contractId === contractId && l.serviceId === service.id);
  if (existing) {
    Object.assign(existing, { units, unitCost, unitPrice, effectiveDate });
    return { line: existing, added: false };
  }
  const line: BmsContractService = {
    id: data.nextId.contractService++, contractId, serviceId: service.id, units, unitCost, unitPrice, originalUnitCost: service.unitCost,
    originalUnitPrice: service.unitPrice, effectiveDate, sortOrder: intField(item, 'SortOrder') ?? 0, createdOn: at,
  };
  data.contractServices.push(line);
  return { line, added: true };
}
