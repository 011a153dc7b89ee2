/**
 * @module The one zod validator wrapper: a failure becomes a problem+json 400 listing each field
 * and its message (malformed JSON too), so no route ever sees unparsed input. Before any schema,
 * every string and key of the input is checked for text no database can store (NUL, unpaired
 * surrogates: safe-text.ts), so a route whose schema is free-form (z.unknown) is covered too.
 * Each schema is compiled once (zod's `compile`: a generated fast path that hands any input it
 * would refuse to the ordinary parser, so refusals read the same) and parsed synchronously; an
 * asynchronous parse costs several times as much (issue 20: zod was a tenth of intake's CPU).
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import { z } from 'zod';
import { unsafeJsonIssue } from '../contracts/safe-text.js';
import { fieldsFromZod, validationProblem } from '../errors.js';

/** No request of this API nests deeper; a deeper one is refused before anything recursive meets it. */
const MAX_INPUT_DEPTH = 128;

/** `schema`: full zod or zod/mini (the contracts' schemas); both are zod core schemas. */
export function validate<T extends z.core.$ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const prefix = target === 'json' ? undefined : target;
  const parse = fastParser(schema);
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationProblem(fieldsFromZod(result.error as unknown as z.core.$ZodError, prefix));
  }, {
    validationFunction: (s, value) => {
      const issue = unsafeJsonIssue(value, { maxDepth: MAX_INPUT_DEPTH, maxSize: Infinity });
      if (issue) throw validationProblem([{ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)', message: issue.message }]);
      // The cast only bridges zod-validator's own result type; the parse is the schema's.
      return parse(value) as never;
    },
  });
}

/**
 * validate('json', schema)'s checks without a request, for a body already parsed as JSON: the
 * schema's output, or undefined wherever validate would refuse (its refusal, with the fields, is
 * then for validate itself to write). Intake's Node-level path (routing-intake-node.ts) uses it.
 */
export function acceptedJson<T extends z.core.$ZodType>(schema: T): (value: unknown) => z.output<T> | undefined {
  const parse = fastParser(schema);
  return (value) => {
    if (unsafeJsonIssue(value, { maxDepth: MAX_INPUT_DEPTH, maxSize: Infinity })) return undefined;
    const result = parse(value);
    return result instanceof Promise || !result.success ? undefined : result.data;
  };
}

/**
 * The schema compiled, parsed synchronously. A schema with an asynchronous refinement or transform
 * (none today) makes the synchronous parse throw once it meets one; that first request is parsed
 * again asynchronously (its refinements run twice, once), and so is every later one.
 */
function fastParser<T extends z.core.$ZodType>(schema: T) {
  const compiled = z.compile(schema);
  let sync = true;
  return (value: unknown): z.ZodSafeParseResult<z.output<T>> | Promise<z.ZodSafeParseResult<z.output<T>>> => {
    if (sync) {
      try {
        return z.safeParse(compiled, value);
      } catch (error) {
        if (!(error instanceof z.core.$ZodAsyncError)) throw error;
        sync = false;
      }
    }
    return z.safeParseAsync(compiled, value);
  };
}
