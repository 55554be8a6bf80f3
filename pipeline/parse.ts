/**
 * Parse stage: bytes → vfile → front matter + mdast with positions in
 * whole-file coordinates. Never throws on bad input: every problem becomes a
 * located message and the document comes back with what could be read.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import gfm from './gfm.js';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { readFrontMatter, pointAt } from './front-matter.js';
import { report } from './rules.js';
import { SOURCE_LANG } from './languages.js';
import type { Doc } from './types.js';

const processor = unified().use(remarkParse).use(gfm);

export interface Options {
  /** Path shown in messages (relative to the working directory). */
  path: string;
  slug: string;
  lang: string;
}

/** Decode bytes as strict UTF-8; on failure report the first bad byte and return undefined. */
export function decode(file: VFile, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const byte = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, byte));
    report(file, 'invalid-utf8', { params: { byte }, place: pointAt(before, before.length) });
    return undefined;
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection (a prefix cut inside a valid sequence also fails, hence the -3 slack).
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  for (let end = low + 1; end <= Math.min(bytes.length, low + 4); end++) {
    try {
      decoder.decode(bytes.subarray(0, end));
      low = end;
    } catch {
      /* keep looking */
    }
  }
  return low;
}

/** A document with nothing read yet: the carrier of messages about a file that cannot be parsed. */
export function emptyDoc(options: Options): Doc {
  const file = new VFile({ path: options.path });
  return { file, slug: options.slug, lang: options.lang, value: '', frontMatter: undefined, bodyStart: 0, tree: undefined, blocks: [], segments: [] };
}

/** Makes the mdast of a file's body with positions in whole-file coordinates (`parseBody` does). */
export type BodyParser = (value: string, bodyStart: number) => Root;

/** Parse one document from its bytes; `body` may stand in for `parseBody` when it can make the same tree cheaper. */
export function parse(bytes: Uint8Array, options: Options, body: BodyParser = parseBody): Doc {
  const doc = emptyDoc(options);
  const { file } = doc;
  const value = decode(file, bytes);
  if (value === undefined) return doc;
  doc.value = value;
  file.value = value;
  if (value.trim() === '') {
    report(file, 'empty-file', { place: { line: 1, column: 1, offset: 0 } });
    return doc;
  }
  const bom = value.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (bom) report(file, 'bom', { place: { line: 1, column: 1, offset: 0 } });
  const nul = value.indexOf('\0');
  if (nul !== -1) report(file, 'nul-byte', { place: pointAt(value, nul) });
  checkLineEndings(doc);
  const { data, bodyStart } = readFrontMatter(file, value.slice(bom), bom, options.lang === SOURCE_LANG);
  doc.frontMatter = data;
  doc.bodyStart = bodyStart + bom;
  const deep = tooDeep(value, doc.bodyStart);
  if (deep !== undefined) {
    report(file, 'nesting-too-deep', { params: { max: MAX_NESTING }, place: pointAt(value, deep) });
    return doc;
  }
  doc.tree = body(value, doc.bodyStart);
  return doc;
}

/** Deepest container nesting (block quotes, list items) bitext parses; meeting summaries use a handful. */
export const MAX_NESTING = 64;

/**
 * Offset of the first line nested deeper than MAX_NESTING, if any. micromark's
 * time grows faster than quadratically with list depth (1,000 levels take ~25 s)
 * and deep block quotes overflow the stack, so such input is refused up front.
 */
function tooDeep(value: string, from: number): number | undefined {
  const prefix = /^(?:[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t]))+/;
  let start = from;
  while (start < value.length) {
    let end = value.indexOf('\n', start);
    if (end === -1) end = value.length;
    const line = value.slice(start, Math.min(end, start + 4096));
    const match = prefix.exec(line);
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    if (indent > MAX_NESTING * 4 || (match && (match[0].match(/>|[-*+][ \t]|\d[.)][ \t]/g)?.length ?? 0) > MAX_NESTING)) return start;
    start = end + 1;
  }
  return undefined;
}

/**
 * Parse the body with the front matter blanked out (same length, newlines kept),
 * so every mdast position is already a position in the whole file.
 */
export function parseBody(value: string, bodyStart: number): Root {
  const blanked = value.slice(0, bodyStart).replace(/[^\r\n]/g, ' ') + value.slice(bodyStart);
  return processor.runSync(processor.parse(blanked)) as Root;
}

function checkLineEndings(doc: Doc): void {
  const { value, file } = doc;
  const crlf = value.indexOf('\r\n');
  const loneCr = /\r(?!\n)/.exec(value);
  const lf = /(?<!\r)\n/.exec(value);
  if (crlf === -1 && !loneCr) return;
  const found = loneCr ? (crlf !== -1 || lf ? 'mixed (CR with others)' : 'CR') : lf ? 'mixed (CRLF and LF)' : 'CRLF';
  const at = loneCr?.index ?? crlf;
  report(file, 'line-ending', { params: { found }, place: pointAt(value, at) });
}
