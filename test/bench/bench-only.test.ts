/** BENCH_ONLY picks sections of `npm run bench` by name, in the run's own order, and refuses a name it does not know. */
import { describe, expect, it } from 'vitest';
import { selectSections } from './bench-only.js';

const KNOWN = ['http', 'intakeFloor', 'start', 'listRepeat'];

describe('BENCH_ONLY', () => {
  it('runs every section when unset or empty', () => {
    expect(selectSections(undefined, KNOWN)).toEqual(KNOWN);
    expect(selectSections(' , ', KNOWN)).toEqual(KNOWN);
  });

  it('runs the named sections in the run’s order, whatever their case and spacing', () => {
    expect(selectSections('listrepeat, http', KNOWN)).toEqual(['http', 'listRepeat']);
  });

  it('stops on a name it does not know and lists the sections there are', () => {
    expect(() => selectSections('http,keystrokes', KNOWN)).toThrow('BENCH_ONLY names no section keystrokes; the sections are: http, intakeFloor, start, listRepeat');
  });
});
