/**
 * @module Pure form helpers every wizard machine shares: zod issues to a flat `path → message` map,
 * "has errors" vs "shows errors" (validate always, show once touched or submitted), and immutable
 * reads/writes by dotted path. No DOM, no XState: machines and elements both import these.
 */

/** Field path → first message, e.g. `{ 'priorityMap.critical': 'Choose a priority for critical alerts' }`. */
export type FieldErrors = Record<string, string>;

/** The slice of a zod issue these helpers read (zod 4's `$ZodIssue`, without importing zod here). */
interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Flattens zod issues (`result.error.issues`) to the first message per dotted path. */
export function errorsFromIssues(issues: ReadonlyArray<IssueLike>, prefix = ''): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(form)';
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Runs a zod-like `safeParse` and returns its errors (empty when valid). */
export function schemaErrors(schema: { safeParse(value: unknown): { success: boolean; error?: { issues: ReadonlyArray<IssueLike> } } }, value: unknown, prefix = ''): FieldErrors {
  const result = schema.safeParse(value);
  return result.success || !result.error ? {} : errorsFromIssues(result.error.issues, prefix);
}

/** Server field errors (`[{field, message}]`) as a map; an optional prefix is stripped (`credentials.secret` → `secret`). */
export function errorsFromServer(fields: ReadonlyArray<{ field: string; message: string }>, stripPrefix?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of fields) {
    const path = stripPrefix && field.startsWith(`${stripPrefix}.`) ? field.slice(stripPrefix.length + 1) : field;
    errors[path] ??= message;
  }
  return errors;
}

/** True when `a` is `b` or one contains the other as a dotted prefix (`mappings` ↔ `mappings.3.contactId`). */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

/**
 * The errors a person should see now: all of them once the step was submitted, otherwise only those
 * of fields they changed. Server errors are always shown (the person asked for that answer).
 */
export function visibleErrors(errors: FieldErrors, touched: ReadonlyArray<string>, submitted: boolean, server: FieldErrors = {}): FieldErrors {
  const shown: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (submitted || touched.some((t) => pathsOverlap(t, path))) shown[path] = message;
  }
  return { ...shown, ...server };
}

/** Reads a dotted path (`note.titleTemplate`, `mappings.3.organizationId`). */
export function getIn(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Writes a dotted path immutably: copies each object or array on the way, leaves the rest shared. */
export function setIn<T>(value: T, path: string, next: unknown): T {
  const [key, ...rest] = path.split('.');
  const container = (value ?? {}) as Record<string, unknown> | unknown[];
  const child = rest.length ? setIn((container as Record<string, unknown>)[key!], rest.join('.'), next) : next;
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[Number(key)] = child;
    return copy as T;
  }
  return { ...container, [key!]: child } as T;
}

/** Adds paths to a touched list, keeping it free of duplicates. */
export function touch(touched: ReadonlyArray<string>, paths: ReadonlyArray<string>): string[] {
  const next = new Set(touched);
  paths.forEach((p) => next.add(p));
  return [...next];
}

/** Drops server errors for the paths just changed (the person is answering them). */
export function clearServerErrors(server: FieldErrors, paths: ReadonlyArray<string>): FieldErrors {
  return Object.fromEntries(Object.entries(server).filter(([path]) => !paths.some((p) => pathsOverlap(p, path))));
}
