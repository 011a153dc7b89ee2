/**
 * @module Brings an Autotask wire body into what Autotask's swagger can validate: the swagger declares
 * no nullability while Autotask sends null for what is unset, and it types a few members as
 * System.Object (`Object` in the swagger) that travel as numbers, booleans or text.
 */

/**
 * The swagger declares no nullability (no `x-nullable` anywhere) while Autotask sends `null` for unset
 * fields [psa-apis.md A6]; and it types `itemId` and `isSupportedWebhookField` as `Object` (System.Object),
 * which Autotask sends as a number and a boolean. Those two are checked here, then neutralised.
 */
export function normalise(value: unknown, problems: string[], path = ''): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map((v, i) => normalise(v, problems, `${path}/${i}`));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    if (key === 'itemId') {
      if (!Number.isInteger(v)) problems.push(`${path}/itemId is not an integer`);
      out[key] = {};
    } else if (key === 'isSupportedWebhookField') {
      if (typeof v !== 'boolean') problems.push(`${path}/isSupportedWebhookField is not a boolean`);
      out[key] = {};
    } else {
      out[key] = normalise(v, problems, `${path}/${key}`);
    }
  }
  return out;
}

/**
 * A query body (`QueryModel`): a filter's `value` is `Object` in the swagger (System.Object; its own
 * example sends `"value": 0`), so it is checked to be a number, text or boolean (a list for `in`), then
 * neutralised. Nulls are dropped as in answers.
 */
export function normaliseQuery(value: unknown, problems: string[]): unknown {
  const body = normalise(value, problems) as { filter?: Array<Record<string, unknown>> };
  const walk = (filters: Array<Record<string, unknown>> | undefined, path: string): void => filters?.forEach((f, i) => {
    if ('value' in f) {
      const v = f.value;
      const scalar = (x: unknown) => ['number', 'string', 'boolean'].includes(typeof x);
      if (!(scalar(v) || (Array.isArray(v) && v.every(scalar)))) problems.push(`${path}/${i}/value is not a number, text or boolean`);
      f.value = {};
    }
    walk(f.items as Array<Record<string, unknown>> | undefined, `${path}/${i}/items`);
  });
  walk(body.filter, '/filter');
  return body;
}
