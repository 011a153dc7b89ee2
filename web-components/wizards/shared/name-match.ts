/**
 * @module Name matching for mapping vendor accounts/sites to platform organizations: names are
 * normalised (case, diacritics, "&"/"and", punctuation, a leading "The", trailing legal suffixes such
 * as Inc/LLC/Ltd/GmbH/Pty), then compared by trigram similarity (Sørensen–Dice over distinct
 * character trigrams). Every match says why in words an admin reads ("same name but for ‘Ltd’").
 *
 * Pure and DOM-free: the wizard computes suggestions in the browser, where both lists already are;
 * Node tests measure it on the sandboxes' seeds. 10,000 accounts stay fast: each name is normalised
 * once, organizations sit in a trigram index, and only organizations sharing trigrams are scored.
 *
 * Why no library: a trigram Dice coefficient is a dozen lines; Jaro-Winkler (the kept npm options)
 * rewards a shared prefix, so "Harbor View Hotels - Downtown" would score 0.93 against "Harbor View
 * Hotels" — exactly the child-account pair that must stay below the threshold.
 */

/** Words that say what kind of company it is, not which: dropped from the end of a name. */
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'gmbh', 'mbh', 'ag', 'kg', 'pty', 'pte', 'plc', 'corp', 'corporation',
  'co', 'company', 'sa', 'sarl', 'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'kk', 'sl', 'sas', 'ug',
]);

/** At or above this score a pair is suggested; below it a person decides. */
export const SUGGESTION_THRESHOLD = 0.85;

/** One normalisation step; a match's reason names the steps the two names needed. */
interface Step {
  reason: string;
  apply: (s: string) => string;
}

const STEPS: Step[] = [
  { reason: 'case', apply: (s) => s.toLowerCase() },
  { reason: 'accents', apply: (s) => s.normalize('NFKD').replace(/\p{M}+/gu, '') },
  { reason: '‘&’/‘and’', apply: (s) => s.replace(/\s*[&+]\s*/g, ' and ') },
  { reason: 'punctuation', apply: (s) => s.replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/\s+/g, ' ').trim() },
  { reason: 'a company suffix', apply: dropNoiseWords },
];

/** Drops a leading "the" and trailing legal suffixes ("pty ltd" both), never the whole name. */
function dropNoiseWords(s: string): string {
  const words = s.split(' ');
  if (words.length > 1 && words[0]!.toLowerCase() === 'the') words.shift();
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!.toLowerCase())) words.pop();
  return words.join(' ');
}

function normalise(name: string, skip = -1): string {
  let s = name.trim();
  STEPS.forEach((step, i) => { if (i !== skip) s = step.apply(s); });
  return s;
}

/** A name prepared once for matching. */
export interface NameKey {
  name: string;
  /** The normalised form: equal keys mean the same organization. */
  key: string;
  trigrams: Set<string>;
}

export function nameKey(name: string): NameKey {
  const key = normalise(name);
  return { name, key, trigrams: trigramsOf(key) };
}

function trigramsOf(key: string): Set<string> {
  const padded = `  ${key} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Sørensen–Dice over distinct trigrams: 1 for the same key, 0 for nothing shared. */
export function similarity(a: NameKey, b: NameKey): number {
  if (a.key === b.key) return 1;
  let shared = 0;
  for (const t of a.trigrams) if (b.trigrams.has(t)) shared++;
  return (2 * shared) / (a.trigrams.size + b.trigrams.size);
}

export interface NameMatch {
  /** 1 for the very same name, about 0.99 for the same normalised name (less per difference), else the trigram similarity (at most 0.98). */
  score: number;
  /** Why, for the admin: "same name", "same name but for ‘Ltd’ and case", "similar name (86 % alike)". */
  reason: string;
}

export function compareNames(a: NameKey, b: NameKey): NameMatch {
  if (a.name.trim() === b.name.trim()) return { score: 1, reason: 'same name' };
  if (a.key === b.key) {
    // Fewer differences rank higher: "Fjord Marine Supply Ltd" beats "FJORD MARINE SUPPLY LTD" for "Fjord Marine Supply".
    const needed = differences(a.name, b.name);
    return { score: 0.99 - 0.002 * (needed.length - 1), reason: `same name but for ${listed(needed)}` };
  }
  // Numbers name a branch or site ("Clinic 2"): names that differ in them are different organizations.
  if (digitsOf(a.key) !== digitsOf(b.key)) return { score: 0, reason: 'different numbers' };
  const score = Math.min(similarity(a, b), 0.97);
  return { score, reason: `similar name (${Math.round(score * 100)} % alike)` };
}

function digitsOf(key: string): string {
  return key.match(/\d+/g)?.join(' ') ?? '';
}

/** The steps the two names need to become equal: those without which they stay different. */
function differences(a: string, b: string): string[] {
  const needed = STEPS.map((step, i) => (normalise(a, i) === normalise(b, i) ? null : i === STEPS.length - 1 ? droppedWords(a, b) : step.reason))
    .filter((r): r is string => r !== null);
  return needed.length ? needed : ['spacing'];
}

function listed(words: string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "‘Ltd’", "‘The’ and ‘Inc’": the dropped words one name has and the other lacks, in its own spelling. */
function droppedWords(a: string, b: string): string {
  const [wordsA, wordsB] = [a, b].map((s) => normalise(s, STEPS.length - 1).split(' ')) as [string[], string[]];
  const [keptA, keptB] = [a, b].map((s) => new Set(normalise(s).split(' '))) as [Set<string>, Set<string>];
  const extra = [...wordsA.filter((w) => !keptA.has(w) && !wordsB.includes(w)), ...wordsB.filter((w) => !keptB.has(w) && !wordsA.includes(w))];
  if (extra.length === 0) return STEPS[STEPS.length - 1]!.reason;
  const original = (w: string) => [...`${a} ${b}`.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).find((o) => o.toLowerCase() === w) ?? w;
  return extra.map((w) => `‘${original(w)}’`).join(' and ');
}

/** Organizations (or any named things) indexed by trigram, so a name is scored only against those sharing some. */
export class NameIndex<T> {
  private readonly keys: NameKey[];
  private readonly byKey = new Map<string, number[]>();
  private readonly postings = new Map<string, number[]>();

  constructor(readonly items: readonly T[], nameOf: (item: T) => string) {
    this.keys = items.map((item) => nameKey(nameOf(item)));
    this.keys.forEach((k, i) => {
      const same = this.byKey.get(k.key);
      if (same) same.push(i);
      else this.byKey.set(k.key, [i]);
      for (const t of k.trigrams) {
        const list = this.postings.get(t);
        if (list) list.push(i);
        else this.postings.set(t, [i]);
      }
    });
  }

  /**
   * Items scoring at least `threshold` against `name`, best first (at most `limit`). Prefix filtering:
   * an item reaching the threshold shares at least `t·|A|/(2−t)` of the name's trigrams, so it shares
   * one of the name's rarest `|A| − that + 1`: only those trigrams' items are scored ("Inc", "ing"
   * and the like, in thousands of names, are never walked).
   */
  matches(name: NameKey, threshold = SUGGESTION_THRESHOLD, limit = 3): Array<{ item: T; index: number } & NameMatch> {
    const candidates = new Set<number>(this.byKey.get(name.key) ?? []);
    const rarestFirst = [...name.trigrams].map((t) => this.postings.get(t) ?? []).sort((x, y) => x.length - y.length);
    const minShared = Math.ceil((threshold * rarestFirst.length) / (2 - threshold));
    for (const list of rarestFirst.slice(0, Math.max(0, rarestFirst.length - minShared + 1))) for (const i of list) candidates.add(i);
    const found: Array<{ item: T; index: number } & NameMatch> = [];
    for (const i of candidates) {
      // The cheap score first; only pairs that pass pay for the reason's wording.
      if (name.key !== this.keys[i]!.key && similarity(name, this.keys[i]!) < threshold) continue;
      const match = compareNames(name, this.keys[i]!);
      if (match.score >= threshold) found.push({ item: this.items[i]!, index: i, ...match });
    }
    return found.sort((x, y) => y.score - x.score || x.index - y.index).slice(0, limit);
  }
}

export interface Suggestion<A, O> extends NameMatch {
  account: A;
  organization: O;
}

/** Every pair at or above the threshold, best score first (ties in the accounts' order): computed once per pair of lists. */
export interface CandidatePairs<A, O> {
  pairs: Array<Suggestion<A, O> & { accountIndex: number; organizationIndex: number }>;
}

export function candidatePairs<A, O>(accounts: readonly A[], accountName: (a: A) => string, organizations: NameIndex<O>,
  threshold = SUGGESTION_THRESHOLD): CandidatePairs<A, O> {
  const pairs: CandidatePairs<A, O>['pairs'] = [];
  accounts.forEach((account, accountIndex) => {
    for (const m of organizations.matches(nameKey(accountName(account)), threshold)) {
      pairs.push({ account, organization: m.item, score: m.score, reason: m.reason, accountIndex, organizationIndex: m.index });
    }
  });
  pairs.sort((x, y) => y.score - x.score || x.accountIndex - y.accountIndex);
  return { pairs };
}

/**
 * One-to-one suggestions from the candidates: best score first, each account and each organization
 * used once (an organization is never suggested for two accounts), skipping those already taken
 * (mapped or ignored). Cheap: the table re-runs it on every mapping change.
 */
export function assignOneToOne<A, O>(candidates: CandidatePairs<A, O>, accountTaken: (a: A) => boolean, organizationTaken: (o: O) => boolean): Array<Suggestion<A, O>> {
  const usedAccounts = new Set<number>();
  const usedOrgs = new Set<number>();
  const chosen: CandidatePairs<A, O>['pairs'] = [];
  for (const pair of candidates.pairs) {
    if (usedAccounts.has(pair.accountIndex) || usedOrgs.has(pair.organizationIndex)) continue;
    if (accountTaken(pair.account) || organizationTaken(pair.organization)) continue;
    usedAccounts.add(pair.accountIndex);
    usedOrgs.add(pair.organizationIndex);
    chosen.push(pair);
  }
  // In the accounts' own order, as the table lists them.
  return chosen.sort((x, y) => x.accountIndex - y.accountIndex).map(({ account, organization, score, reason }) => ({ account, organization, score, reason }));
}

export function suggestMatches<A, O>(accounts: readonly A[], accountName: (a: A) => string, organizations: NameIndex<O>): Array<Suggestion<A, O>> {
  return assignOneToOne(candidatePairs(accounts, accountName, organizations), () => false, () => false);
}
