/**
 * @module The safe-text rule without zod: no NUL (U+0000) and no unpaired UTF-16 surrogate, which
 * PostgreSQL cannot store. safe-text.ts builds `safeString()` on it; the browser's zod-free credential
 * check (credential-rules.ts) applies it as the same first rule of every credential.
 */

/** NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const UNSAFE_TEXT_MESSAGE = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';

export const isSafeText = (value: string): boolean => !UNSAFE_TEXT.test(value);
