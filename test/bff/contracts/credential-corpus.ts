/**
 * Credentials to judge, per vendor: every field's tricky values (empty, blank, padded, at and past
 * each limit, control and non-Latin-1 characters, NUL and lone surrogates, wrong types, left out),
 * one field at a time over a valid base, and seeded random mixes of them, plus values that are no
 * object at all. Shared by the credential rules test (zod and the zod-free check must agree).
 */
import { CREDENTIAL_RULES } from '../../../bff/contracts/credential-rules.js';
import type { Vendor } from '../../../bff/contracts/vendor-catalog.js';

const VALID: Record<Vendor, Record<string, string>> = {
  autotask: { username: 'api-user@sandbox.example', secret: 'sandbox-secret' },
  'kaseya-bms': { server: 'na', tenant: 'Sandbox MSP', username: 'api', password: 'pw' },
  'datto-rmm': { platform: 'merlot', apiKey: 'key', apiSecret: 'secret' },
  syncro: { subdomain: 'sandbox-msp', apiToken: 'token' },
  connectwise: { site: 'na', host: '', companyId: 'sandboxmsp', publicKey: 'pub', privateKey: 'priv' },
  halopsa: { url: 'https://sandbox.halopsa.com', tenant: 'sandbox', clientId: 'id', clientSecret: 'secret' },
};

const NOT_TEXT: unknown[] = [undefined, null, 7, Number.NaN, true, [], {}, ['a'], new Date(0)];
const TEXT = [
  '', ' ', '  \t ', 'a', ' a ', 'a\nb', 'a\tb', '\u007f', 'line\r\n', '\u0000', 'a\u0000b', 'a\ud800', '\udc00b', 'ok\ud83d\ude00', 'é', 'ü€', 'Ω',
  'user@example.com', ' user@example.com ', 'user@example', 'user@@example.com', '.user@example.com', 'a b', 'a+b', 'a:b', 'sandbox-msp', '-bad', 'bad-', 'UPPER-ok',
  'cw.example.com', 'cw.example.com:8443', 'localhost', 'https://cw.example.com', 'https://x.halopsa.com', 'x.halopsa.com', ' x.halopsa.com ', 'http://x.halopsa.com',
  'https://x.halopsa.com/path', 'https://x.halopsa.com/p?q', 'ftp://x', 'HTTPS://X.HALOPSA.COM', 'tenant.name_1-2', 'tenant name',
  ...[63, 64, 100, 101, 200, 201, 253, 260, 261, 300, 301, 400, 401].flatMap((n) => ['x'.repeat(n), ` ${'x'.repeat(n)} `, `${'x'.repeat(n - 12)}@example.com`]),
  `https://${'h'.repeat(290)}.com`, `${'a'.repeat(250)}.com`,
];

/** Values to try for one field of `vendor`. */
function pool(vendor: Vendor, field: string): unknown[] {
  const spec = (CREDENTIAL_RULES[vendor].fields as Record<string, { kind: string; values?: readonly string[] }>)[field]!;
  if (spec.kind === 'choice') return [...spec.values!, 'mars', '', ` ${spec.values![0]}`, spec.values![0]!.toUpperCase(), ...NOT_TEXT];
  return [...TEXT, ...NOT_TEXT];
}

/** A small seeded generator, so a failure names an input that comes again. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function credentialCorpus(vendor: Vendor, mixes = 400): unknown[] {
  const base = VALID[vendor];
  const fields = Object.keys(CREDENTIAL_RULES[vendor].fields);
  const cases: unknown[] = [base, undefined, null, 'credentials', [], [base]];
  for (const field of fields) {
    for (const value of pool(vendor, field)) cases.push({ ...base, [field]: value });
    const { [field]: _left, ...without } = base;
    cases.push(without);
  }
  // The on-premises host rule: with each host value, and with other fields failing beside it.
  if (vendor === 'connectwise') {
    for (const host of pool(vendor, 'host')) cases.push({ ...base, site: 'on-premises', host }, { ...base, site: 'on-premises', host, companyId: '' }, { ...base, site: 'on-premises', host, publicKey: 7 });
    cases.push({ ...base, site: 'on-premises', host: undefined }, (({ host: _h, ...rest }) => ({ ...rest, site: 'on-premises' }))(base));
  }
  const next = random(vendor.length * 7919);
  for (let i = 0; i < mixes; i++) {
    const value: Record<string, unknown> = {};
    for (const field of fields) {
      const options = pool(vendor, field);
      if (next() < 0.05) continue; // left out
      value[field] = next() < 0.4 ? base[field] : options[Math.floor(next() * options.length)];
    }
    if (vendor === 'connectwise' && next() < 0.4) value.site = 'on-premises';
    cases.push(value);
  }
  return cases;
}
