/**
 * @module The one zod validator wrapper: a failure becomes a problem+json 400 listing each field
 * and its message (malformed JSON too), so no route ever sees unparsed input.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { fieldsFromZod, validationProblem } from '../errors.js';

export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      const prefix = target === 'json' ? undefined : target;
      throw validationProblem(fieldsFromZod(result.error as unknown as z.ZodError, prefix));
    }
  });
}
