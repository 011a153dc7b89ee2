/**
 * @module The JSON Autotask accepts. Its REST API is ASP.NET Web API reading bodies with Json.NET,
 * whose reader is lenient: comments (`//`, `/* *\/`), unquoted property names, single-quoted
 * strings, trailing commas, NaN/Infinity/undefined and hex numbers. Clients rely on this (the
 * official Postman collection sends a trailing comma and an unquoted `TicketID`), so the sandbox
 * parses the same way. A body it cannot read gets Json.NET's message (text, path, line, position).
 */

/** A body Json.NET could not read; the message is worded as Json.NET words it. */
export class LenientJsonError extends Error {}

const IDENTIFIER = /[\p{L}\p{Nd}_$]/u;

class Reader {
  private i = 0;
  private readonly path: Array<string | number> = [];

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    this.skip();
    if (this.i >= this.text.length) throw this.fail('Unexpected end when reading JSON.');
    const value = this.value();
    this.skip();
    // ASSUMPTION: text after the root value is refused (Web API's formatter reads one value).
    if (this.i < this.text.length) throw this.fail(`Additional text encountered after finished reading JSON content: ${this.text[this.i]}.`);
    return value;
  }

  private value(): unknown {
    const c = this.text[this.i];
    if (c === undefined) throw this.fail('Unexpected end when reading JSON.');
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return this.string(c);
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, result] of WORDS) {
      if (this.text.startsWith(word, this.i) && !IDENTIFIER.test(this.text[this.i + word.length] ?? '')) {
        this.i += word.length;
        return result;
      }
    }
    throw this.fail(`Unexpected character encountered while parsing value: ${c}.`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    for (;;) {
      this.skip();
      const c = this.text[this.i];
      if (c === '}') {
        this.i++;
        return out;
      }
      if (c === undefined) throw this.fail('Unexpected end when reading JSON.');
      const key = c === '"' || c === "'" ? this.string(c) : this.identifier();
      this.skip();
      if (this.text[this.i] !== ':') throw this.fail(`Invalid character after parsing property name. Expected ':' but got: ${this.text[this.i] ?? 'end of input'}.`);
      this.i++;
      this.skip();
      this.path.push(key);
      // Own data property even for "__proto__" (a body must not reach the prototype).
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.path.pop();
      if (!this.separator('}')) return out;
    }
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    for (;;) {
      this.skip();
      if (this.text[this.i] === ']') {
        this.i++;
        return out;
      }
      this.path.push(out.length);
      out.push(this.value());
      this.path.pop();
      if (!this.separator(']')) return out;
    }
  }

  /** After a member: a comma (a trailing one is fine), or the closing bracket. False when closed. */
  private separator(close: '}' | ']'): boolean {
    this.skip();
    const c = this.text[this.i];
    if (c === ',') {
      this.i++;
      return true;
    }
    if (c === close) {
      this.i++;
      return false;
    }
    if (c === undefined) throw this.fail('Unexpected end when reading JSON.');
    throw this.fail(`After parsing a value an unexpected character was encountered: ${c}.`);
  }

  private identifier(): string {
    const start = this.i;
    while (this.i < this.text.length && IDENTIFIER.test(this.text[this.i]!)) this.i++;
    if (this.i === start) throw this.fail(`Invalid property identifier character: ${this.text[this.i]}.`);
    return this.text.slice(start, this.i);
  }

  private string(quote: string): string {
    let out = '';
    this.i++;
    for (;;) {
      const c = this.text[this.i++];
      if (c === undefined) throw this.fail(`Unterminated string. Expected delimiter: ${quote}.`);
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.i++];
      if (e === 'u') {
        const hex = this.text.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.fail(`Invalid Unicode escape sequence: \\u${hex}.`);
        out += String.fromCharCode(parseInt(hex, 16));
        this.i += 4;
      } else if (e !== undefined && e in ESCAPES) {
        out += ESCAPES[e];
      } else {
        throw this.fail(`Bad JSON escape sequence: \\${e ?? ''}.`);
      }
    }
  }

  private number(): number {
    const rest = this.text.slice(this.i);
    if (rest.startsWith('-Infinity')) {
      this.i += '-Infinity'.length;
      return -Infinity;
    }
    const hex = /^-?0[xX][0-9a-fA-F]+/.exec(rest);
    const match = hex ?? /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(rest);
    if (!match) throw this.fail(`Input string '${rest.split(/[\s,\]}]/)[0]}' is not a valid number.`);
    this.i += match[0].length;
    if (IDENTIFIER.test(this.text[this.i] ?? '') || this.text[this.i] === '.') throw this.fail(`Unexpected character encountered while parsing number: ${this.text[this.i]}.`);
    if (!hex) return Number(match[0]);
    return (match[0].startsWith('-') ? -1 : 1) * parseInt(match[0].replace(/^-?0[xX]/, ''), 16);
  }

  /** Whitespace and comments. */
  private skip(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF' || c === '\u00A0') {
        this.i++;
      } else if (c === '/' && this.text[this.i + 1] === '/') {
        while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
      } else if (c === '/' && this.text[this.i + 1] === '*') {
        const end = this.text.indexOf('*/', this.i + 2);
        if (end < 0) throw this.fail('Unexpected end while parsing comment.');
        this.i = end + 2;
      } else if (c === '/') {
        throw this.fail(`Error parsing comment. Expected: *, got ${this.text[this.i + 1] ?? 'end of input'}.`);
      } else {
        return;
      }
    }
  }

  /** Json.NET's suffix: "Path 'a.b[0]', line 3, position 7." (position: the characters before the offending one on its line). */
  private fail(message: string): LenientJsonError {
    const before = this.text.slice(0, this.i);
    const line = before.split('\n').length;
    const position = this.i - (before.lastIndexOf('\n') + 1);
    const path = this.path.map((p, k) => (typeof p === 'number' ? `[${p}]` : /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u.test(p) ? `${k ? '.' : ''}${p}` : `['${p}']`)).join('');
    return new LenientJsonError(`${message} Path '${path}', line ${line}, position ${position}.`);
  }
}

const WORDS: Array<[string, unknown]> = [
  ['true', true], ['false', false], ['null', null], ['undefined', null], ['NaN', NaN], ['Infinity', Infinity],
];

const ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses `text` as Json.NET would; throws LenientJsonError with Json.NET's wording otherwise. */
export function parseLenientJson(text: string): unknown {
  return new Reader(text).parseDocument();
}
