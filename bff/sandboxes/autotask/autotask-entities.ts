/**
 * @module The sandbox's entity catalog: for each Autotask entity it serves, the URL name, the names
 * Autotask uses in metadata and error texts, which verbs it allows, its child routes, and the field
 * metadata (`FieldInformationModel`) built from the swagger field list plus the rules in the facts file.
 */
import { FIELD_TYPES } from './autotask-fields.js';
import { PICKLISTS, PICKLIST_PARENTS, type PicklistEntry } from './autotask-picklists.js';

export type DataType = 'long' | 'integer' | 'string' | 'datetime' | 'boolean' | 'double';

const TYPE_CODES: Record<string, DataType> = { l: 'long', i: 'integer', s: 'string', d: 'datetime', b: 'boolean', n: 'double' };

export interface FieldDef {
  name: string;
  dataType: DataType;
  length: number;
  isRequired: boolean;
  isReadOnly: boolean;
  isQueryable: boolean;
  isReference: boolean;
  referenceEntityType: string;
  isPickList: boolean;
  picklistValues: PicklistEntry[] | null;
  picklistParentValueField: string;
  isSupportedWebhookField: boolean;
}

export interface EntityDef {
  /** The URL name (`Companies`). */
  name: string;
  /** What `entityInformation` calls it (`Company`). */
  modelName: string;
  /** Autotask's internal name, used in its error texts ("Unable to find x in the Account Entity"). */
  internalName: string;
  fields: FieldDef[];
  hasUserDefinedFields: boolean;
  canQuery: boolean;
  /** Create/update at the root URL (`POST /V1.0/Tickets`); children are written through their parent. */
  rootCreate: boolean;
  rootUpdate: boolean;
  field(name: string): FieldDef | undefined;
}

interface EntityRules {
  modelName: string;
  internalName: string;
  canQuery?: boolean;
  rootCreate?: boolean;
  rootUpdate?: boolean;
  required?: string[];
  readOnly?: string[];
  notQueryable?: string[];
  lengths?: Record<string, number>;
  references?: Record<string, string>;
}

const RULES: Record<string, EntityRules> = {
  Companies: {
    modelName: 'Company', internalName: 'Account', rootCreate: true, rootUpdate: true,
    // Required set INFERRED in the facts file from the official create examples.
    required: ['companyName', 'companyType', 'ownerResourceID', 'phone'],
    readOnly: ['createDate', 'createdByResourceID', 'lastActivityDate', 'lastTrackedModifiedDateTime', 'impersonatorCreatorResourceID'],
    lengths: { companyName: 100, phone: 25, companyNumber: 50, webAddress: 255 },
    references: { ownerResourceID: 'Resource', parentCompanyID: 'Company' },
  },
  Contacts: {
    modelName: 'Contact', internalName: 'Contact',
    required: ['companyID', 'firstName', 'lastName', 'isActive'],
    readOnly: ['createDate', 'lastActivityDate', 'lastModifiedDate', 'impersonatorCreatorResourceID'],
    lengths: { firstName: 50, lastName: 50, emailAddress: 254, emailAddress2: 254, emailAddress3: 254, externalID: 50 },
    references: { companyID: 'Company' },
  },
  Tickets: {
    modelName: 'Ticket', internalName: 'Ticket', rootCreate: true, rootUpdate: true,
    required: ['companyID', 'title', 'status', 'priority'],
    readOnly: [
      'ticketNumber', 'createDate', 'creatorResourceID', 'creatorType', 'createdByContactID', 'completedDate', 'completedByResourceID',
      'lastActivityDate', 'lastActivityPersonType', 'lastActivityResourceID', 'lastTrackedModificationDateTime',
      'firstResponseDateTime', 'firstResponseAssignedResourceID', 'firstResponseInitiatingResourceID', 'resolvedDateTime',
      'impersonatorCreatorResourceID',
    ],
    notQueryable: ['creatorType', 'lastActivityPersonType'], // [AT-DOC-TICKETS]
    lengths: { title: 255, description: 8000, externalID: 50, purchaseOrderNumber: 50, resolution: 32000 },
    references: { companyID: 'Company', contactID: 'Contact', contractID: 'Contract', assignedResourceID: 'Resource' },
  },
  TicketNotes: {
    modelName: 'TicketNote', internalName: 'TicketNote',
    required: ['ticketID', 'description', 'noteType', 'publish'],
    readOnly: ['createDateTime', 'creatorResourceID', 'createdByContactID', 'lastActivityDate', 'impersonatorCreatorResourceID', 'impersonatorUpdaterResourceID'],
    lengths: { description: 32000, title: 250 },
    references: { ticketID: 'Ticket' },
  },
  Contracts: {
    modelName: 'Contract', internalName: 'Contract', rootCreate: true, rootUpdate: true,
    required: ['companyID', 'contractName', 'contractType', 'startDate', 'endDate', 'status'],
    lengths: { contractName: 100, contractNumber: 50, description: 2000 },
    references: { companyID: 'Company', contactID: 'Contact' },
  },
  ContractServices: {
    modelName: 'ContractService', internalName: 'ContractService',
    required: ['contractID', 'serviceID', 'unitPrice'],
    references: { contractID: 'Contract', serviceID: 'Service' },
  },
  ContractServiceAdjustments: {
    // Create-only: "cannot be queried or updated" [AT-DOC-CSA].
    modelName: 'ContractServiceAdjustment', internalName: 'ContractServiceAdjustment', canQuery: false, rootCreate: true,
    required: ['contractID', 'effectiveDate', 'unitChange'],
    references: { contractID: 'Contract', serviceID: 'Service', contractServiceID: 'ContractService' },
  },
  ContractServiceUnits: {
    modelName: 'ContractServiceUnit', internalName: 'ContractServiceUnit',
    references: { contractID: 'Contract', serviceID: 'Service', contractServiceID: 'ContractService' },
  },
  Services: {
    modelName: 'Service', internalName: 'Service', rootCreate: true, rootUpdate: true,
    required: ['billingCodeID', 'name', 'periodType', 'unitPrice'], // [AT-DOC-SVC]
    readOnly: ['createDate', 'creatorResourceID', 'lastModifiedDate', 'updateResourceID'],
    lengths: { name: 150, description: 400, invoiceDescription: 1000 },
    references: { billingCodeID: 'AllocationCode', vendorCompanyID: 'Company' },
  },
  Resources: { modelName: 'Resource', internalName: 'Resource', rootUpdate: true, readOnly: ['userName'] },
  BillingCodes: { modelName: 'BillingCode', internalName: 'AllocationCode' },
  Invoices: { modelName: 'Invoice', internalName: 'Invoice' },
  BillingItems: { modelName: 'BillingItem', internalName: 'BillingItem' },
  SalesOrders: { modelName: 'SalesOrder', internalName: 'SalesOrder' },
  UserDefinedFieldDefinitions: { modelName: 'UserDefinedFieldDefinition', internalName: 'UserDefinedFieldDefinition' },
  AttachmentInfo: { modelName: 'AttachmentInfo', internalName: 'AttachmentInfo' },
  CompanyWebhookFields: { modelName: 'CompanyWebhookField', internalName: 'AccountWebhookField' },
  CompanyWebhookUdfFields: { modelName: 'CompanyWebhookUdfField', internalName: 'AccountWebhookUdfField' },
};

/** Entities with user-defined fields (the swagger models that carry `userDefinedFields`). */
const WITH_UDFS = new Set(['Companies', 'Contacts', 'Tickets', 'Contracts', 'SalesOrders']);

/** Child routes `/{Parent}/{parentId}/{Child}`: which entity they hold and the key to the parent. */
export const CHILD_ROUTES: Record<string, { entity: string; key: string; create: boolean; update: boolean }> = {
  'companies/contacts': { entity: 'Contacts', key: 'companyID', create: true, update: true },
  'tickets/notes': { entity: 'TicketNotes', key: 'ticketID', create: true, update: true },
  'contracts/services': { entity: 'ContractServices', key: 'contractID', create: true, update: true },
  'contracts/serviceadjustments': { entity: 'ContractServiceAdjustments', key: 'contractID', create: true, update: false },
  'contracts/serviceunits': { entity: 'ContractServiceUnits', key: 'contractID', create: false, update: false },
};

/**
 * ASSUMPTION: field metadata names fields in camelCase, as entity bodies do (the one captured example,
 * CompanyToDos `ActionType`, is PascalCase); clients should match names case-insensitively either way.
 */
function buildEntity(name: string, rules: EntityRules): EntityDef {
  const picklists = (PICKLISTS as Record<string, Record<string, PicklistEntry[]>>)[name] ?? {};
  const parents = PICKLIST_PARENTS[name] ?? {};
  const fields = FIELD_TYPES[name]!.join(' ').split(' ').map((spec): FieldDef => {
    const [fieldName, code] = spec.split(':') as [string, string];
    const dataType = TYPE_CODES[code]!;
    const picklist = picklists[fieldName] ?? null;
    const reference = rules.references?.[fieldName];
    return {
      name: fieldName,
      dataType,
      length: dataType === 'string' ? (rules.lengths?.[fieldName] ?? 100) : 0,
      isRequired: rules.required?.includes(fieldName) ?? false,
      isReadOnly: fieldName === 'id' || (rules.readOnly?.includes(fieldName) ?? false),
      isQueryable: !(rules.notQueryable?.includes(fieldName) ?? false),
      isReference: Boolean(reference),
      referenceEntityType: reference ?? '',
      isPickList: Boolean(picklist),
      picklistValues: picklist,
      picklistParentValueField: parents[fieldName] ?? '',
      isSupportedWebhookField: false,
    };
  });
  const byLower = new Map(fields.map((f) => [f.name.toLowerCase(), f]));
  return {
    name,
    modelName: rules.modelName,
    internalName: rules.internalName,
    fields,
    hasUserDefinedFields: WITH_UDFS.has(name),
    canQuery: rules.canQuery ?? true,
    rootCreate: rules.rootCreate ?? false,
    rootUpdate: rules.rootUpdate ?? false,
    field: (fieldName) => byLower.get(fieldName.toLowerCase()),
  };
}

export const ENTITIES: Map<string, EntityDef> = new Map(
  Object.entries(RULES).map(([name, rules]) => [name.toLowerCase(), buildEntity(name, rules)]),
);

/** Entity names in URLs are case-insensitive (`tickets/query` in the official Postman collection). */
export function entityByUrlName(name: string): EntityDef | undefined {
  return ENTITIES.get(name.toLowerCase());
}

export function entity(name: string): EntityDef {
  const found = entityByUrlName(name);
  if (!found) throw new Error(`unknown Autotask entity ${name}`);
  return found;
}

/** `entityInformation` for one entity (`EntityInformationModel`). */
export function entityInformation(def: EntityDef, childCreate = false): Record<string, unknown> {
  const canCreate = def.rootCreate || childCreate;
  const canUpdate = def.rootUpdate || Object.values(CHILD_ROUTES).some((r) => r.entity === def.name && r.update);
  return {
    name: def.modelName,
    canCreate,
    canDelete: false,
    canQuery: def.canQuery,
    canUpdate,
    userAccessForCreate: canCreate ? 'All' : 'None',
    userAccessForDelete: 'None',
    userAccessForQuery: def.canQuery ? 'All' : 'None',
    userAccessForUpdate: canUpdate ? 'All' : 'None',
    hasUserDefinedFields: def.hasUserDefinedFields,
    supportsWebhookCallouts: ['Companies', 'Contacts', 'Tickets'].includes(def.name),
  };
}
