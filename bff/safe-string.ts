/**
 * @module `safeString()` for the BFF's own schemas (routes, intake), which chain full zod
 * (`.trim().min(1)…`): the same rule and message as the contracts' zod/mini `safeString`
 * (contracts/safe-text.ts), kept there so the browser's schemas and these refuse the same text.
 */
import { z } from 'zod';
import { isSafeText, UNSAFE_TEXT_MESSAGE } from './contracts/safe-text.js';

/** `z.string()` that refuses NUL and unpaired surrogates; chain `.trim().min()…` as usual. */
export function safeString(params?: Parameters<typeof z.string>[0]): z.ZodString {
  return z.string(params).refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE });
}
