/** @module Every PostgreSQL table: the twin of db/schema (same tables and column names), for drizzle's node-postgres driver. */
export * from './partners.js';
export * from './integrations.js';
export * from './wizard-drafts.js';
export * from './audit-log.js';
export * from './routing.js';
export * from './devices.js';
export * from './integration-health.js';
export * from './two-way.js';
