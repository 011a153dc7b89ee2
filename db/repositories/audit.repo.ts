/** @module The audit log: append and read, scoped by partner. Callers pass values without secrets. */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../client.js';
import { auditLog } from '../schema/index.js';

export interface AuditEntry {
  partnerId: string;
  actor: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

export function createAuditRepo(db: Db) {
  return {
    async record(entry: AuditEntry): Promise<void> {
      db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null }).run();
    },
    async list(partnerId: string, options: { target?: string; before?: number; limit?: number } = {}) {
      const conditions = [eq(auditLog.partnerId, partnerId)];
      if (options.target) conditions.push(eq(auditLog.target, options.target));
      if (options.before) conditions.push(lt(auditLog.id, options.before));
      return db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(options.limit ?? 50).all();
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
