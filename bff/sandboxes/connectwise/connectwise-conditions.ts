/**
 * @module ConnectWise's `conditions` / `childConditions` query language, enough of it for what
 * integrations send: `field op value` joined by `and` / `or`, parentheses, reference paths
 * (`company/id`, `status/name`), operators `= != < <= > >= like contains in not in`, values as
 * "strings", numbers, true/false/null and [dates]. `like` takes `%` wildcards. Comparisons of text
 * ignore case, as the vendor's SQL collation does. A path through an array (communicationItems/value)
 * matches when any element does. A condition it cannot parse is refused with the vendor's 400.
 */

type Value = string | number | boolean | null | Value[];
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cmp'; field: string[]; op: string; value: Value };

export class ConditionsError extends Error {}

const TOKEN = /\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|\[([^\]]*)\]|(<=|>=|!=|=|<|>)|(-?\d+(?:\.\d+)?)(?![\w/])|([A-Za-z_][\w/.]*)|(,))/y;

interface Token { type: 'lp' | 'rp' | 'str' | 'date' | 'op' | 'num' | 'word' | 'comma'; text: string }

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < input.length) {
    if (/^\s*$/.test(input.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(input);
    if (!m) throw new ConditionsError(`cannot read the conditions near “${input.slice(at, at + 20)}”`);
    at = TOKEN.lastIndex;
    if (m[1]) tokens.push({ type: 'lp', text: '(' });
    else if (m[2]) tokens.push({ type: 'rp', text: ')' });
    else if (m[3] !== undefined) tokens.push({ type: 'str', text: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) tokens.push({ type: 'date', text: m[4] });
    else if (m[5]) tokens.push({ type: 'op', text: m[5] });
    else if (m[6]) tokens.push({ type: 'num', text: m[6] });
    else if (m[7]) tokens.push({ type: 'word', text: m[7] });
    else tokens.push({ type: 'comma', text: ',' });
  }
  return tokens;
}

export function parseConditions(input: string): Node {
  const tokens = tokenize(input);
  let i = 0;
  const peekWord = (w: string) => tokens[i]?.type === 'word' && tokens[i]!.text.toLowerCase() === w;
  const value = (): Value => {
    const t = tokens[i++];
    if (!t) throw new ConditionsError('a condition lacks its value');
    if (t.type === 'str' || t.type === 'date') return t.text;
    if (t.type === 'num') return Number(t.text);
    if (t.type === 'word' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true';
    if (t.type === 'word' && /^null$/i.test(t.text)) return null;
    if (t.type === 'lp') {
      const list: Value[] = [];
      while (tokens[i] && tokens[i]!.type !== 'rp') {
        list.push(value());
        if (tokens[i]?.type === 'comma') i++;
      }
      if (tokens[i++]?.type !== 'rp') throw new ConditionsError('a list lacks its closing parenthesis');
      return list;
    }
    throw new ConditionsError(`unexpected “${t.text}” where a value belongs`);
  };
  const comparison = (): Node => {
    if (tokens[i]?.type === 'lp') {
      i++;
      const inner = expression();
      if (tokens[i++]?.type !== 'rp') throw new ConditionsError('a parenthesis is not closed');
      return inner;
    }
    const field = tokens[i++];
    if (field?.type !== 'word') throw new ConditionsError(`expected a field name, got “${field?.text ?? 'the end'}”`);
    let op: string;
    if (tokens[i]?.type === 'op') op = tokens[i++]!.text;
    else if (peekWord('not') && tokens[i + 1]?.type === 'word' && /^(like|in|contains)$/i.test(tokens[i + 1]!.text)) {
      op = `not ${tokens[i + 1]!.text.toLowerCase()}`;
      i += 2;
    } else if (tokens[i]?.type === 'word' && /^(like|in|contains)$/i.test(tokens[i]!.text)) op = tokens[i++]!.text.toLowerCase();
    else throw new ConditionsError(`expected an operator after ${field.text}`);
    return { kind: 'cmp', field: field.text.split('/'), op, value: value() };
  };
  const expression = (): Node => {
    let left = comparison();
    while (peekWord('and') || peekWord('or')) {
      const kind = tokens[i++]!.text.toLowerCase() as 'and' | 'or';
      left = { kind, left, right: comparison() };
    }
    return left;
  };
  const tree = expression();
  if (i < tokens.length) throw new ConditionsError(`unexpected “${tokens[i]!.text}”`);
  return tree;
}

/** Every value at a path; arrays fan out. */
function valuesAt(record: unknown, path: string[]): unknown[] {
  let current: unknown[] = [record];
  for (const key of path) {
    const next: unknown[] = [];
    for (const item of current) {
      const items = Array.isArray(item) ? item : [item];
      for (const v of items) {
        if (v && typeof v === 'object' && key in (v as Record<string, unknown>)) next.push((v as Record<string, unknown>)[key]);
      }
    }
    current = next.flatMap((v) => (Array.isArray(v) ? v : [v]));
  }
  return current.length ? current : [null];
}

const norm = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

function compare(actual: unknown, op: string, expected: Value): boolean {
  const a = norm(actual);
  switch (op) {
    case '=': return a === norm(expected) || (actual === undefined && expected === null);
    case '!=': return a !== norm(expected);
    case '<': return (actual as number) < (expected as number);
    case '<=': return (actual as number) <= (expected as number);
    case '>': return (actual as number) > (expected as number);
    case '>=': return (actual as number) >= (expected as number);
    case 'contains': return typeof a === 'string' && a.includes(String(norm(expected)));
    case 'not contains': return !(typeof a === 'string' && a.includes(String(norm(expected))));
    case 'like': return typeof a === 'string' && likeToRegex(String(expected)).test(a);
    case 'not like': return !(typeof a === 'string' && likeToRegex(String(expected)).test(a));
    case 'in': return Array.isArray(expected) && expected.map(norm).includes(a as never);
    case 'not in': return Array.isArray(expected) && !expected.map(norm).includes(a as never);
    default: throw new ConditionsError(`unknown operator ${op}`);
  }
}

function likeToRegex(pattern: string): RegExp {
  const body = pattern.toLowerCase().split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 's');
}

export function matches(node: Node, record: unknown): boolean {
  switch (node.kind) {
    case 'and': return matches(node.left, record) && matches(node.right, record);
    case 'or': return matches(node.left, record) || matches(node.right, record);
    case 'cmp': {
      const negative = node.op === '!=' || node.op.startsWith('not ');
      const values = valuesAt(record, node.field);
      // "not" over an array path holds when no element matches the positive form.
      return negative ? values.every((v) => compare(v, node.op, node.value)) : values.some((v) => compare(v, node.op, node.value));
    }
  }
}

/** A filter from `conditions` and `childConditions` (both optional). */
export function filterOf(conditions: string | undefined, childConditions: string | undefined): (record: unknown) => boolean {
  const trees = [conditions, childConditions].filter((c): c is string => !!c?.trim()).map(parseConditions);
  return (record) => trees.every((t) => matches(t, record));
}
