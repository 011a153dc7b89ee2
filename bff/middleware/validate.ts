/**
 * @module The one zod validator wrapper: a failure becomes a problem+json 400 listing each field
 * and its message (malformed JSON too), so no route ever sees unparsed input. Before any schema,
 * every string and key of the input is checked for text no database can store (NUL, unpaired
 * surrogates: safe-text.ts), so a route whose schema is free-form (z.unknown) is covered too.
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
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationProblem(fieldsFromZod(result.error as unknown as z.core.$ZodError, prefix));
  }, {
    validationFunction: (s, value) => {
      const issue = unsafeJsonIssue(value, { maxDepth: MAX_INPUT_DEPTH, maxSize: Infinity });
      if (issue) throw validationProblem([{ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)', message: issue.message }]);
      // The cast only bridges zod-validator's own result type; the parse is the schema's.
      return z.safeParseAsync(s, value) as never;
    },
  });
}
