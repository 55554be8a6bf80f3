/**
 * The mdast of a file that differs from an already parsed one only by letters
 * swapped one for one (OpenCC's Simplified → Traditional conversion), copied
 * from the parsed tree instead of parsed again: remark-parse is most of the
 * cost of a converted edition.
 *
 * Why the copy is the tree remark-parse would make. Every code unit that
 * differs is a "Letter, other" (`\p{Lo}`) in both files: to micromark and the
 * GFM extensions that is plain text (not ASCII syntax, not whitespace, not
 * punctuation, no case to fold), so they classify every code unit of both
 * files alike and make the same nodes at the same offsets. Only strings taken
 * from the text can differ. A string field is made from code units of its
 * node's own source, in order, plus character references, escapes and fixed
 * ASCII prefixes (`mailto:`); when no character reference there yields a
 * letter and the field holds as many letters as its source, its letters are
 * those of the source one to one and take the converted ones. Labels are
 * matched across the file, so a label with letters is refused. Whatever this
 * cannot show gives undefined, and the caller parses.
 */
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { toString } from 'mdast-util-to-string';

/** String fields made from the node's source, in source order. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  text: ['value'],
  inlineCode: ['value'],
  html: ['value'],
  code: ['lang', 'meta', 'value'],
  link: ['url', 'title'],
  image: ['alt', 'url', 'title'],
  imageReference: ['alt'],
  definition: ['url', 'title'],
};

/** Node types with no string of their own but enums and labels. */
const STRUCTURE = new Set([
  'root', 'paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'listItem', 'emphasis', 'strong', 'delete', 'break',
  'linkReference', 'footnoteReference', 'footnoteDefinition', 'table', 'tableRow', 'tableCell',
]);

/** Strings the same in both trees: enums, and labels once no identifier has letters (such a label is made of unchanged code units). */
const KEPT = new Set(['type', 'referenceType', 'identifier', 'label']);

/** A half-open range of offsets. */
type Interval = readonly [start: number, end: number];

/**
 * `parseBody(changed, bodyStart)` from `tree`, which is `parseBody(original, bodyStart)`, or
 * undefined when the two texts differ by more than letters or the copy cannot be shown to be the parse.
 */
export function substitutedTree(tree: Root, original: string, changed: string, bodyStart: number): Root | undefined {
  // micromark drops a leading BOM and counts offsets after it; parseBody blanks it with the front matter.
  if (bodyStart === 0 && original.charCodeAt(0) === 0xfeff) return undefined;
  const source = Source.compare(original, changed);
  return source ? (copyNode(tree, source) as Root | undefined) : undefined;
}

function copyNode(node: Nodes, source: Source): Nodes | undefined {
  const fields = FIELDS[node.type];
  if (!fields && !STRUCTURE.has(node.type)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'children') {
      const children: Nodes[] = [];
      for (const child of value as Nodes[]) {
        const copy = copyNode(child, source);
        if (!copy) return undefined;
        children.push(copy);
      }
      out.children = children;
    } else if (key === 'position') {
      const position = node.position;
      out.position = position && { ...position, start: { ...position.start }, end: { ...position.end } };
    } else if (typeof value === 'string') {
      if (!KEPT.has(key) && !fields?.includes(key)) return undefined;
      if (key === 'identifier' && hasLetter(value)) return undefined;
      out[key] = value;
    } else if (Array.isArray(value)) {
      if (!value.every((item) => item === null || (typeof item === 'string' && !hasLetter(item)))) return undefined;
      out[key] = [...value]; // a table's `align`
    } else if (value !== null && typeof value === 'object') {
      return undefined; // `data` or anything else not made by the parser
    } else {
      out[key] = value;
    }
  }
  if (fields && !source.substitute(out, fields, regionsOf(node, source.original))) return undefined;
  return out as unknown as Nodes;
}

/** Where a node's own strings come from: all of it, except a link's text. */
function regionsOf(node: Nodes, text: string): Interval[] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  if (node.type !== 'link' || node.children.length === 0 || text[start] !== '[') return [[start, end]]; // autolinks: the URL is the text
  const first = node.children[0]!.position?.start.offset;
  const last = node.children[node.children.length - 1]!.position?.end.offset;
  if (first === undefined || last === undefined) return undefined;
  return [[start, first], [last, end]];
}

const LETTER = /^\p{Lo}$/u;
/** 0 not looked at yet, 1 a letter, 2 not. */
const letterKind = new Uint8Array(0x10000);

function isLetter(code: number): boolean {
  if (code < 0x80) return false;
  let kind = letterKind[code]!;
  if (kind === 0) letterKind[code] = kind = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return kind === 1;
}

function hasLetter(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  for (let i = 0; i < value.length; i++) if (isLetter(value.charCodeAt(i))) return true;
  return false;
}

const REFERENCE = /&(?:#[xX][\dA-Fa-f]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z\d]{1,31});/g;
const referenceParser = unified().use(remarkParse);
const referenceYieldsLetter = new Map<string, boolean>();

/** Whether a character reference decodes to a letter, as remark-parse decodes it. */
function yieldsLetter(reference: string): boolean {
  let known = referenceYieldsLetter.get(reference);
  if (known === undefined) {
    const decoded = toString(referenceParser.parse(reference));
    known = [...decoded].some((c) => isLetter(c.charCodeAt(0)));
    referenceYieldsLetter.set(reference, known);
  }
  return known;
}

/** The two texts, with counts of letters and of changed code units before each offset. */
class Source {
  private constructor(
    readonly original: string,
    readonly changed: string,
    private readonly letters: Int32Array,
    private readonly changes: Int32Array,
  ) {}

  /** Undefined unless the texts have the same length and differ only where both have a letter. */
  static compare(original: string, changed: string): Source | undefined {
    if (original.length !== changed.length) return undefined;
    const letters = new Int32Array(original.length + 1);
    const changes = new Int32Array(original.length + 1);
    let l = 0;
    let c = 0;
    for (let i = 0; i < original.length; i++) {
      const a = original.charCodeAt(i);
      const letter = isLetter(a);
      if (letter) l++;
      const b = changed.charCodeAt(i);
      if (a !== b) {
        if (!letter || !isLetter(b)) return undefined;
        c++;
      }
      letters[i + 1] = l;
      changes[i + 1] = c;
    }
    return new Source(original, changed, letters, changes);
  }

  /**
   * Give the string `fields` of `node` the converted letters of `regions`, its
   * source; false when the letters of the fields cannot be shown to be those.
   */
  substitute(node: Record<string, unknown>, fields: readonly string[], regions: Interval[] | undefined): boolean {
    // Strings without letters are made of code units that are the same in both texts.
    const strings = fields.filter((key) => hasLetter(node[key]));
    if (strings.length === 0) return true;
    if (!regions) return false; // made by the autolink transform, from text whose offsets are lost
    if (regions.every(([start, end]) => this.changes[end] === this.changes[start])) return true; // nothing converted here
    if (regions.some((region) => this.referenceLetters(region))) return false;
    const positions = this.letterOffsets(regions);
    let next = 0;
    for (const key of strings) {
      const value = node[key] as string;
      let out = '';
      let last = 0;
      for (let i = 0; i < value.length; i++) {
        const code = value.charCodeAt(i);
        if (!isLetter(code)) continue;
        const at = positions[next++];
        if (at === undefined || this.original.charCodeAt(at) !== code) return false;
        const to = this.changed.charCodeAt(at);
        if (to === code) continue;
        out += value.slice(last, i) + String.fromCharCode(to);
        last = i + 1;
      }
      if (last > 0) node[key] = out + value.slice(last);
    }
    return next === positions.length; // every letter of the source is in a field: then each is its own
  }

  private referenceLetters([start, end]: Interval): boolean {
    const at = this.original.indexOf('&', start);
    if (at === -1 || at >= end) return false;
    for (const match of this.original.slice(at, end).matchAll(REFERENCE)) if (yieldsLetter(match[0])) return true;
    return false;
  }

  private letterOffsets(regions: Interval[]): number[] {
    const offsets: number[] = [];
    for (const [start, end] of regions) {
      for (let i = start; i < end; i++) if (this.letters[i + 1] !== this.letters[i]) offsets.push(i);
    }
    return offsets;
  }
}
