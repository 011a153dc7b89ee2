/** @module Partners: a row is kept from the first call that names a partner (the host is the authority). */
import type { Db } from '../client.js';
import { partners } from '../schema/index.js';
import { sql } from 'drizzle-orm';

export function createPartnersRepo(db: Db) {
  const insert = db.insert(partners).values({ id: sql.placeholder('id') }).onConflictDoNothing().prepare();
  const known = new Set<string>();
  return {
    /** Makes sure the partner row exists; cheap after the first call per process. */
    async ensure(id: string): Promise<void> {
      if (known.has(id)) return;
      insert.run({ id });
      known.add(id);
    },
  };
}
export type PartnersRepo = ReturnType<typeof createPartnersRepo>;
