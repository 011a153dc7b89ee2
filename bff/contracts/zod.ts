/**
 * @module The zod every contract schema is built with: `zod/mini`, because the browser loads these
 * schemas and full `zod` would be a quarter of its bundle. Mini schemas are zod core schemas: they
 * parse, fail and convert to JSON Schema exactly as full zod's do, so the BFF validates with them too.
 *
 * Only the messages need a hand: full zod installs its English messages ("Too big: expected string
 * to have <=200 characters") on first use, zod/mini none ("Invalid input"). Installing them here,
 * before any contract schema exists, gives both sides the same words; when full zod is loaded too
 * (the BFF) it finds them in place, as it would its own.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

if (!z.core.globalConfig.localeError) z.config(en());

export { z };
