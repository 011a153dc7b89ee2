/**
 * @module Text every boundary accepts: no NUL (U+0000) and no unpaired UTF-16 surrogate, which
 * PostgreSQL cannot store (text refuses 0x00; jsonb refuses the `\u0000` / `\ud800` escapes) and
 * which mean nothing to a person anyway. `safeString()` is the string constructor of every input
 * schema (shared with the wizards); `unsafeJsonIssue` checks free-form JSON (a draft snapshot, a
 * request as a whole) for the same, and for a depth and size a stack and a row can hold.
 */
import { z } from './zod.js';
import { isSafeText, UNSAFE_TEXT_MESSAGE } from './safe-text-rule.js';

// The rule itself lives apart, without zod, for the browser's zod-free credential check.
export { isSafeText, UNSAFE_TEXT_MESSAGE };

/**
 * `z.string()` that refuses NUL and unpaired surrogates; add rules with `.check(z.trim(), z.minLength(1, …))`
 * (zod/mini: contracts/zod.ts). The BFF's own routes chain full zod on bff/safe-string.ts, the same rule and message.
 */
export function safeString(params?: Parameters<typeof z.string>[0]): z.ZodMiniString {
  return z.string(params).check(z.refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE }));
}

export interface JsonBounds {
  /** Deepest nesting of arrays and objects (the top value is depth 0). */
  maxDepth: number;
  /** Most characters of keys and strings, plus one per value, in the whole value. */
  maxSize: number;
}

export interface JsonIssue {
  path: Array<string | number>;
  message: string;
  /** The value as a whole is refused (too deep, too large); `path` then holds only its first step. */
  whole?: boolean;
}

/**
 * The first thing in a parsed JSON value that may not be stored: an unsafe string or key, nesting
 * deeper than `maxDepth`, or more than `maxSize`. Walks with its own stack, so a 10,000-deep value
 * is judged without recursion (and refused before anything recursive, zod or JSON.stringify, meets it).
 */
export function unsafeJsonIssue(value: unknown, bounds: JsonBounds = { maxDepth: Infinity, maxSize: Infinity }): JsonIssue | undefined {
  return withinBounds(value, bounds) ? undefined : firstIssue(value, bounds);
}

/**
 * Whether the value passes, by the same walk as `firstIssue` without tracking paths: every request
 * body goes through here, and almost all pass, so the path bookkeeping is paid only for a refusal.
 */
function withinBounds(value: unknown, bounds: JsonBounds): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  let size = 0;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    size += 1;
    if (typeof v === 'string') {
      size += v.length;
      if (!isSafeText(v)) return false;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= bounds.maxDepth) return false;
      if (Array.isArray(v)) {
        for (const item of v) {
          values.push(item);
          depths.push(depth + 1);
        }
      } else {
        for (const key of Object.keys(v)) {
          size += key.length;
          if (!isSafeText(key)) return false;
          values.push((v as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    }
    if (size > bounds.maxSize) return false;
  }
  return true;
}

/** The first issue, with its path (see unsafeJsonIssue). */
function firstIssue(value: unknown, bounds: JsonBounds): JsonIssue | undefined {
  interface Node { value: unknown; key: string | number | null; parent: Node | null; depth: number }
  const pathOf = (node: Node | null): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let n = node; n && n.key !== null; n = n.parent) path.unshift(n.key);
    return path;
  };
  const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
  let size = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    size += 1;
    if (typeof v === 'string') {
      size += v.length;
      if (!isSafeText(v)) return { path: pathOf(node), message: UNSAFE_TEXT_MESSAGE };
    } else if (v !== null && typeof v === 'object') {
      // Named by its top-level field: a path hundreds of levels long helps no one.
      if (node.depth >= bounds.maxDepth) return { path: pathOf(node).slice(0, 1), message: `is nested deeper than ${bounds.maxDepth} levels`, whole: true };
      const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
      for (const [key, item] of entries) {
        if (typeof key === 'string') {
          size += key.length;
          if (!isSafeText(key)) return { path: [...pathOf(node), key], message: `has a key that ${UNSAFE_TEXT_MESSAGE}` };
        }
        stack.push({ value: item, key, parent: node, depth: node.depth + 1 });
      }
    }
    if (size > bounds.maxSize) return { path: [], message: `is larger than ${bounds.maxSize.toLocaleString('en-US')} characters`, whole: true };
  }
  return undefined;
}

/** A free-form JSON value (z.unknown) within bounds and without unsafe text, each failure on its path. */
export function boundedJson(bounds: JsonBounds) {
  return z.unknown().check(z.superRefine((value, ctx) => {
    const issue = unsafeJsonIssue(value, bounds);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.whole ? [] : issue.path, message: issue.message });
  }));
}
