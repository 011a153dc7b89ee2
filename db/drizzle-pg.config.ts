/** @module drizzle-kit settings for PostgreSQL: `npm run db:generate:pg` writes a new migration into db/migrations-pg. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema-pg/index.ts',
  out: './db/migrations-pg',
});
