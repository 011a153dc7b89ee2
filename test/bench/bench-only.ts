/** @module BENCH_ONLY: which sections of `npm run bench` to run. */

/** The sections BENCH_ONLY names (any case), or all; an unknown name stops the run and lists the known ones. */
export function selectSections(only: string | undefined, known: readonly string[]): string[] {
  const wanted = (only ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.length === 0) return [...known];
  const byLower = new Map(known.map((k) => [k.toLowerCase(), k]));
  const unknown = wanted.filter((w) => !byLower.has(w.toLowerCase()));
  if (unknown.length) throw new Error(`BENCH_ONLY names no section ${unknown.join(', ')}; the sections are: ${known.join(', ')}`);
  return known.filter((k) => wanted.some((w) => w.toLowerCase() === k.toLowerCase()));
}
