/**
 * @module Setup file of the PostgreSQL pass (test/vitest.pg.config.ts): a file's test apps take turns
 * on a few migrated schemas, emptied between them, instead of migrating a new schema each (see
 * test-database.ts); the ones left are dropped after the file's last test.
 */
import { afterAll } from 'vitest';
import { reuseTestSchemas } from './test-database.js';

afterAll(reuseTestSchemas());
