/** @module drizzle-kit settings: `npm run db:generate` writes a new migration into db/migrations. */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
