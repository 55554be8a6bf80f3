// Frozen copy of pipeline/exchange/xml.ts before the performance rewrite: the oracle of test/exchange/equivalence.test.ts. Do not edit.
/**
 * XML text for the exchange writers. Written by hand rather than with
 * fast-xml-parser's XMLBuilder because the writers need mixed content in an
 * exact order (text, codes, text) and byte-stable output; the builder's
 * ordered mode does not escape text consistently across versions.
 */

/** Characters XML 1.0 cannot carry, not even as character references. */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** How a writer represents a character XML cannot carry (XLIFF 2 has `<cp hex>`; 1.2 and TMX do not). */
export type InvalidChar = (char: string) => string;

/** XLIFF 2's `<cp hex="…"/>` for a character XML cannot carry. */
export const cp: InvalidChar = (char) => `<cp hex="${(char.codePointAt(0) ?? 0xfffd).toString(16).toUpperCase().padStart(4, '0')}"/>`;

/** U+FFFD for formats without a way to carry the character. */
export const replacement: InvalidChar = () => '\uFFFD';

/** Escape character data; `>` is escaped too, so `]]>` never appears. */
export function text(value: string, invalid: InvalidChar = replacement): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INVALID, (char) => invalid(char));
}

/** Escape an attribute value (quotes, and whitespace that attribute normalisation would turn into spaces). */
export function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** `name="value"` pairs for the defined attributes, in the order given. */
export function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${attr(value)}"`)
    .join('');
}

/** Whether text needs `xml:space="preserve"` to keep its whitespace through tools that normalise it. */
export function needsPreserve(value: string): boolean {
  return /^\s|\s$|\s\s|[\t\n\r]/u.test(value);
}

/** An XML id (NMTOKEN) for a bitext id: `~` is not a name character, so repeats `s-…~2` become `s-….2`. */
export function xmlId(id: string): string {
  return id.replace(/~/g, '.');
}

/** The bitext id an XML id stands for. */
export function fromXmlId(id: string): string {
  return id.replace(/\./g, '~');
}
