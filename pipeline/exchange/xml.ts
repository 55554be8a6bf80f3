/**
 * XML text for the exchange writers. Written by hand rather than with
 * fast-xml-parser's XMLBuilder because the writers need mixed content in an
 * exact order (text, codes, text) and byte-stable output; the builder's
 * ordered mode does not escape text consistently across versions.
 *
 * Escaping runs on every piece of text of every download, and almost none of
 * it needs escaping: each function first tests one precompiled character
 * class and returns the value itself when nothing matches, and otherwise
 * escapes in a single pass.
 */

/**
 * Characters XML 1.0 cannot carry, not even as character references. With the
 * `u` flag a well-formed surrogate pair is one code point, so the surrogate
 * alternatives only ever match a lone surrogate.
 */
const INVALID = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';

/** Whether `text` may change a value: markup, invalid characters, or any surrogate (a pair is left to the exact pattern). */
const TEXT_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const TEXT_ESCAPE = new RegExp(`[&<>]|${INVALID}`, 'gu');

/** As TEXT_SPECIAL, plus what `attr` escapes beyond `text`: the quote and the whitespace attribute normalisation would turn into spaces. */
const ATTR_SPECIAL = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTR_ESCAPE = new RegExp(`[&<>"\\t\\n\\r]|${INVALID}`, 'gu');

const ENTITIES: Partial<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** How a writer represents a character XML cannot carry (XLIFF 2 has `<cp hex>`; 1.2 and TMX do not). */
export type InvalidChar = (char: string) => string;

/** XLIFF 2's `<cp hex="…"/>` for a character XML cannot carry. */
export const cp: InvalidChar = (char) => `<cp hex="${(char.codePointAt(0) ?? 0xfffd).toString(16).toUpperCase().padStart(4, '0')}"/>`;

/** U+FFFD for formats without a way to carry the character. */
export const replacement: InvalidChar = () => '\uFFFD';

const replaceInvalid = (char: string): string => ENTITIES[char] ?? '\uFFFD';

/** Escape character data; `>` is escaped too, so `]]>` never appears. */
export function text(value: string, invalid: InvalidChar = replacement): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  if (invalid === replacement) return value.replace(TEXT_ESCAPE, replaceInvalid);
  return value.replace(TEXT_ESCAPE, (char) => ENTITIES[char] ?? invalid(char));
}

/** Escape an attribute value (quotes, and whitespace that attribute normalisation would turn into spaces). */
export function attr(value: string): string {
  return ATTR_SPECIAL.test(value) ? value.replace(ATTR_ESCAPE, replaceInvalid) : value;
}

/** One ` name="value"` attribute, or nothing when the value is undefined. */
export function attribute(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${attr(value)}"`;
}

/** `name="value"` pairs for the defined attributes, in the order given. */
export function attrs(values: Record<string, string | undefined>): string {
  let out = '';
  for (const name of Object.keys(values)) out += attribute(name, values[name]);
  return out;
}

/** `^\s|\s$|\s\s|[\t\n\r]` reordered: the same strings match, the cheap class first. `\s` has no astral characters, so no `u` flag is needed. */
const PRESERVE = /[\t\n\r]|\s(?:\s|$)|^\s/;

/** Whether text needs `xml:space="preserve"` to keep its whitespace through tools that normalise it. */
export function needsPreserve(value: string): boolean {
  return PRESERVE.test(value);
}

/** An XML id (NMTOKEN) for a bitext id: `~` is not a name character, so repeats `s-…~2` become `s-….2`. */
export function xmlId(id: string): string {
  return id.includes('~') ? id.replace(/~/g, '.') : id;
}

/** The bitext id an XML id stands for. */
export function fromXmlId(id: string): string {
  return id.replace(/\./g, '~');
}
