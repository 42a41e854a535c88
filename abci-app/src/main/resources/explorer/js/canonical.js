// BigchainDB 2.2.2's serialization of a transaction, as the browser must redo it to check an id or
// a signature: rapidjson.dumps(tx, ensure_ascii=False, sort_keys=True, compact). JavaScript's own
// JSON.parse cannot be used for that: it rounds integers beyond 2^53 and loses whether a number was
// written as an integer (1) or a float (1.0), which Python keeps. So the text is parsed here into
// values that keep both, and written back the way Python writes them.

/** A JSON number as Python reads it: an arbitrary-size integer, or a double. */
export class JsonNumber {
  constructor(isInteger, text) {
    this.isInteger = isInteger;
    this.text = text;
  }
}

export class JsonSyntaxError extends Error {}

/** Parses JSON text into plain values: objects as Map (key order kept), arrays, strings, JsonNumber, booleans, null. */
export function parse(text) {
  let i = 0;
  const fail = (what) => {
    throw new JsonSyntaxError(`${what} at character ${i}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const literal = (word, value) => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return fail('unexpected token');
  };
  const string = () => {
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const ch = text[i++];
      if (ch === '"') return out;
      if (ch === '\\') {
        const e = text[i++];
        const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
        if (simple !== undefined) {
          out += simple;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.substr(i, 4))) {
          out += String.fromCharCode(parseInt(text.substr(i, 4), 16));
          i += 4;
        } else {
          fail('bad escape');
        }
      } else if (ch < ' ') {
        fail('control character in string');
      } else {
        out += ch;
      }
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m) fail('bad number');
    i += m[0].length;
    if (m[0] === '-' && text.startsWith('Infinity', i)) {
      i += 8;
      return new JsonNumber(false, '-Infinity');
    }
    return new JsonNumber(m[2] === undefined && m[3] === undefined, m[0]);
  };
  const value = () => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      const map = new Map();
      ws();
      if (text[i] === '}') {
        i++;
        return map;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const key = string();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        map.set(key, value());
        ws();
        const sep = text[i++];
        if (sep === '}') return map;
        if (sep !== ',') fail("expected ',' or '}'");
      }
    }
    if (ch === '[') {
      i++;
      const list = [];
      ws();
      if (text[i] === ']') {
        i++;
        return list;
      }
      for (;;) {
        list.push(value());
        ws();
        const sep = text[i++];
        if (sep === ']') return list;
        if (sep !== ',') fail("expected ',' or ']'");
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true', true);
    if (ch === 'f') return literal('false', false);
    if (ch === 'n') return literal('null', null);
    if (ch === 'N') return literal('NaN', new JsonNumber(false, 'NaN'));
    if (ch === 'I') return literal('Infinity', new JsonNumber(false, 'Infinity'));
    return number();
  };
  const result = value();
  ws();
  if (i !== text.length) fail('trailing characters');
  return result;
}

/** Python's repr of a double: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pythonFloat(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that read back to x.
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exponent) + 1; // x = 0.DIGITS * 10^decpt
  if (decpt <= -4 || decpt > 16) {
    const e = decpt - 1;
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    return `${sign}${digits[0]}${frac}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt < digits.length) return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
}

function numberText(n) {
  if (n.isInteger) return BigInt(n.text).toString();
  if (n.text === 'NaN' || n.text.endsWith('Infinity')) return n.text;
  return pythonFloat(Number(n.text));
}

function stringText(s) {
  if (!s.isWellFormed()) throw new JsonSyntaxError('a string holds a lone surrogate, which Python cannot encode');
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c >= 0x20) out += ch; // ensure_ascii=False: everything else raw
    else {
      const short = { 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t' }[c];
      out += short ?? '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    }
  }
  return out + '"';
}

// Python sorts str keys by code point; JavaScript's default sort compares UTF-16 units.
function compareCodePoints(a, b) {
  const x = Array.from(a, (c) => c.codePointAt(0));
  const y = Array.from(b, (c) => c.codePointAt(0));
  for (let k = 0; k < Math.min(x.length, y.length); k++) {
    if (x[k] !== y[k]) return x[k] - y[k];
  }
  return x.length - y.length;
}

/** The canonical text of a parsed value. */
export function serialize(v) {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return stringText(v);
  if (v instanceof JsonNumber) return numberText(v);
  if (Array.isArray(v)) return '[' + v.map(serialize).join(',') + ']';
  const keys = [...v.keys()].sort(compareCodePoints);
  return '{' + keys.map((k) => stringText(k) + ':' + serialize(v.get(k))).join(',') + '}';
}

/** A parsed value as ordinary JavaScript (numbers as JS numbers), for display and navigation. */
export function toPlain(v) {
  if (v instanceof JsonNumber) return Number(v.text);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, toPlain(x)]));
  return v;
}
