/**
 * Reading XLIFF 2.x and 1.2 back into segments of inline Markdown. The XML is
 * checked with fast-xml-parser's validator first (so a malformed file gives
 * line:column), then parsed in document order. Elements a CAT tool may add
 * (annotation markers, `<sc>`/`<ec>` for split pairs, `<cp>`) are understood;
 * a code whose Markdown cannot be found is an error, never a silent loss.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { location } from 'vfile-location';
import { fromXmlId } from './xml.js';
import { kindOfCode, TARGETS_CATEGORY } from './xliff.js';
import { kindOfCtype, TARGETS_CONTEXT } from './xliff12.js';
import type { Inline, Pc } from './inline.js';
import type { Point } from '../types.js';

export interface ReadSegment {
  /** XML id of the segment as written. */
  id: string;
  /** bitext ids of the English sentences. */
  sourceIds: string[];
  /** bitext ids of the target sentences the target replaces; undefined when the file does not say. */
  targetIds: string[] | undefined;
  /** For a segment exported untranslated: `after:<id>` or `before:<id>` of a target sentence. */
  anchor: string | undefined;
  source: Inline[];
  target: Inline[] | undefined;
  /** Where the segment is in the XLIFF file. */
  place: Point;
}

export interface ReadXliff {
  version: '2' | '1.2';
  slug: string;
  srcLang: string;
  trgLang: string;
  segments: ReadSegment[];
}

/** A problem of the XLIFF file itself: a rule id of the catalogue, its parameters and place. */
export class XliffError extends Error {
  constructor(
    readonly ruleId: 'xliff-malformed' | 'xliff-unsupported' | 'import-bad-code',
    readonly params: Record<string, string>,
    readonly place: Point,
  ) {
    super(Object.values(params).join(': '));
    this.name = 'XliffError';
  }
}

/** A parsed element in document order (fast-xml-parser's `preserveOrder` shape). */
type XmlNode = { [name: string]: XmlNode[] } & { ':@'?: Record<string, string>; '#text'?: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true, // a tool may bind the metadata module to any prefix
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
});

const START: Point = { line: 1, column: 1, offset: 0 };

/** Parse an XLIFF 2.x or 1.2 document; throws `XliffError` with a place on anything it cannot read. */
export function readXliff(xml: string): ReadXliff {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const offset = location(xml).toOffset({ line, column: col }) ?? 0;
    throw new XliffError('xliff-malformed', { detail: msg }, { line, column: col, offset });
  }
  let nodes: XmlNode[];
  try {
    nodes = parser.parse(xml) as XmlNode[];
  } catch (error) {
    // Well-formed but refused by the parser, e.g. a DOCTYPE with external entities (never fetched).
    throw new XliffError('xliff-malformed', { detail: (error as Error).message }, START);
  }
  const root = nodes.find((node) => name(node) === 'xliff');
  if (!root) throw new XliffError('xliff-unsupported', { detail: 'no <xliff> root element' }, START);
  const version = attr(root, 'version') ?? '';
  const place = placeFinder(xml);
  if (/^2\.\d$/.test(version)) return read2(root, place);
  if (version === '1.2' || version === '1.1') return read12(root, place);
  throw new XliffError('xliff-unsupported', { detail: `version "${version}"; expected 2.0, 2.1, 2.2 or 1.2` }, START);
}

function read2(root: XmlNode, place: (attribute: string, id: string) => Point): ReadXliff {
  const files = childrenNamed(root, 'file');
  const file = single(files, 'file');
  const segments: ReadSegment[] = [];
  for (const unit of descendants(file, 'unit')) {
    const data = new Map(childrenNamed(childNamed(unit, 'originalData'), 'data').map((d) => [attr(d, 'id') ?? '', plain(d)]));
    const targets = new Map<string, string[]>();
    for (const group of descendants(unit, 'metaGroup').filter((g) => attr(g, 'category') === TARGETS_CATEGORY)) {
      for (const meta of childrenNamed(group, 'meta')) targets.set(attr(meta, 'type') ?? '', words(plain(meta)));
    }
    for (const segment of childrenNamed(unit, 'segment')) {
      const id = attr(segment, 'id') ?? '';
      const at = place('id', id);
      const resolve = (ref: string | undefined): string => {
        const value = ref === undefined ? undefined : data.get(ref);
        if (value === undefined) throw new XliffError('import-bad-code', { id, ref: ref ?? '(none)' }, at);
        return value;
      };
      const target = childNamed(segment, 'target');
      segments.push({
        id,
        sourceIds: sourceIds(id),
        ...recorded(targets.get(id)),
        source: inline2(children(childNamed(segment, 'source')), resolve),
        target: target ? inline2(children(target), resolve) : undefined,
        place: at,
      });
    }
  }
  return { version: '2', slug: attr(file, 'id') ?? slugOfOriginal(file), srcLang: attr(root, 'srcLang') ?? '', trgLang: attr(root, 'trgLang') ?? '', segments };
}

function inline2(nodes: readonly XmlNode[], resolve: (ref: string | undefined) => string): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const tag = name(node);
    const id = attr(node, 'id') ?? '';
    const kind = kindOfCode(attr(node, 'type'), attr(node, 'subType'));
    if (tag === '#text') pushText(out, node['#text'] ?? '');
    else if (tag === 'cp') pushText(out, String.fromCodePoint(Number.parseInt(attr(node, 'hex') ?? 'FFFD', 16)));
    // A pair split into <sc>/<ec> by a tool writes back the same Markdown as a <pc>.
    else if (tag === 'ph' || tag === 'sc' || tag === 'ec') out.push({ type: 'ph', id, kind, data: resolve(attr(node, 'dataRef')) });
    else if (tag === 'pc') {
      const dataStart = resolve(attr(node, 'dataRefStart'));
      out.push({ type: 'pc', id, kind, dataStart, dataEnd: resolve(attr(node, 'dataRefEnd')), children: inline2(children(node), resolve) });
    } else if (tag === 'mrk') out.push(...inline2(children(node), resolve)); // annotations (terms, comments) are not Markdown
    // <sm/>/<em/> annotation markers carry nothing to write back.
  }
  return out;
}

function read12(root: XmlNode, place: (attribute: string, id: string) => Point): ReadXliff {
  const file = single(childrenNamed(root, 'file'), 'file');
  const segments: ReadSegment[] = [];
  for (const unit of descendants(file, 'trans-unit')) {
    const targets = new Map<string, string[]>();
    for (const context of descendants(unit, 'context').filter((c) => attr(c, 'context-type') === TARGETS_CONTEXT)) {
      const [id = '', ...ids] = words(plain(context).replace(':', ' '));
      targets.set(id, ids);
    }
    const targetNode = childNamed(unit, 'target');
    const targetMrks = new Map(segMrks(targetNode).map((m) => [attr(m, 'mid') ?? '', m]));
    const sourceMrks = segMrks(childNamed(unit, 'seg-source'));
    if (targetNode && targetMrks.size === 0 && sourceMrks.length > 0) {
      segments.push(wholeUnit(unit, sourceMrks, targets, place));
      continue;
    }
    for (const mrk of sourceMrks) {
      const id = attr(mrk, 'mid') ?? '';
      const at = place('mid', id);
      const target = targetMrks.get(id);
      segments.push({
        id,
        sourceIds: sourceIds(id),
        ...recorded(targets.get(id)),
        source: inline12(children(mrk), id, at),
        target: target ? inline12(children(target), id, at) : undefined,
        place: at,
      });
    }
  }
  return { version: '1.2', slug: attr(file, 'product-name') ?? slugOfOriginal(file), srcLang: attr(file, 'source-language') ?? '', trgLang: attr(file, 'target-language') ?? '', segments };
}

/**
 * A unit whose target a tool wrote without `<mrk mtype="seg">` (some do, after
 * merging segments): one segment covering all sentences of the unit, so the
 * translation replaces the whole block's translation rather than being lost.
 */
function wholeUnit(unit: XmlNode, mrks: readonly XmlNode[], targets: ReadonlyMap<string, string[]>, place: (attribute: string, id: string) => Point): ReadSegment {
  const ids = mrks.map((m) => attr(m, 'mid') ?? '');
  const id = ids.join('_');
  const at = place('mid', ids[0] ?? '');
  const recordedIds = ids.map((mid) => recorded(targets.get(mid)).targetIds ?? []);
  return {
    id,
    sourceIds: ids.flatMap(sourceIds),
    // Usable only when every segment had its target sentences recorded.
    targetIds: recordedIds.every((list) => list.length > 0) ? recordedIds.flat() : undefined,
    anchor: undefined,
    // From the first sentence to the last, with the spaces between them (inline12 reads through the <mrk>s).
    source: inline12(between(children(childNamed(unit, 'seg-source')), mrks), id, at),
    target: inline12(children(childNamed(unit, 'target')), id, at),
    place: at,
  };
}

/** The nodes from the first to the last of `ends`, both included. */
function between(nodes: readonly XmlNode[], ends: readonly XmlNode[]): XmlNode[] {
  return nodes.slice(nodes.indexOf(ends[0]!), nodes.indexOf(ends[ends.length - 1]!) + 1);
}

/** The `<mrk mtype="seg">` of a `<seg-source>` or `<target>`, at any depth. */
function segMrks(node: XmlNode | undefined): XmlNode[] {
  return node ? descendants(node, 'mrk').filter((m) => attr(m, 'mtype') === 'seg') : [];
}

function inline12(nodes: readonly XmlNode[], segment: string, at: Point): Inline[] {
  const out: Inline[] = [];
  const stack: { parent: Inline[]; pc: Pc }[] = [];
  let current = out;
  for (const node of nodes) {
    const tag = name(node);
    const id = attr(node, 'id') ?? '';
    const kind = kindOfCtype(attr(node, 'ctype'));
    if (tag === '#text') pushText(current, node['#text'] ?? '');
    else if (tag === 'ph' || tag === 'it') current.push({ type: 'ph', id, kind, data: plain(node) });
    else if (tag === 'bpt') {
      const pc = { type: 'pc' as const, id, kind, dataStart: plain(node), dataEnd: '', children: [] };
      current.push(pc);
      stack.push({ parent: current, pc });
      current = pc.children;
    } else if (tag === 'ept') {
      const open = stack.pop();
      if (!open || (open.pc.id !== id && attr(node, 'rid') !== open.pc.id)) throw new XliffError('import-bad-code', { id: segment, ref: `ept ${id}` }, at);
      open.pc.dataEnd = plain(node);
      current = open.parent;
    } else if (tag === 'mrk') current.push(...inline12(children(node), segment, at));
    else if (tag === 'g' || tag === 'x' || tag === 'bx' || tag === 'ex') throw new XliffError('import-bad-code', { id: segment, ref: `<${tag} id="${id}">` }, at);
  }
  if (stack.length > 0) throw new XliffError('import-bad-code', { id: segment, ref: `bpt ${stack[stack.length - 1]!.pc.id}` }, at);
  return out;
}

/** Target sentence ids or the anchor recorded for a segment. */
function recorded(words: string[] | undefined): Pick<ReadSegment, 'targetIds' | 'anchor'> {
  const anchor = words?.length === 1 && /^(after|before):/.test(words[0]!) ? words[0] : undefined;
  return { targetIds: anchor ? [] : words, anchor };
}

/** The meeting of a `<file original="<slug>/en.md">`, for files whose tool dropped the id bitext wrote. */
function slugOfOriginal(file: XmlNode): string {
  return (attr(file, 'original') ?? '').split('/').slice(-2, -1)[0] ?? '';
}

/** The bitext ids of the English sentences of a segment id (`s-a_s-b` for merged sentences). */
function sourceIds(id: string): string[] {
  return id.split('_').map(fromXmlId);
}

function pushText(out: Inline[], value: string): void {
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value += value;
  else if (value) out.push({ type: 'text', value });
}

function words(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

/** Where `attribute="id"` first occurs in the XML text, for messages; the file start when not found. */
function placeFinder(xml: string): (attribute: string, id: string) => Point {
  const place = location(xml);
  return (attribute, id) => {
    const offset = Math.max(0, xml.search(new RegExp(`\\b${attribute}\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']`)));
    return { ...(place.toPoint(offset) ?? START), offset };
  };
}

function name(node: XmlNode): string {
  return Object.keys(node).find((key) => key !== ':@') ?? '';
}

function attr(node: XmlNode | undefined, key: string): string | undefined {
  return node?.[':@']?.[key];
}

function children(node: XmlNode | undefined): XmlNode[] {
  if (!node) return [];
  const value = node[name(node)];
  return Array.isArray(value) ? value : [];
}

function childrenNamed(node: XmlNode | undefined, tag: string): XmlNode[] {
  return children(node).filter((child) => name(child) === tag);
}

function childNamed(node: XmlNode | undefined, tag: string): XmlNode | undefined {
  return childrenNamed(node, tag)[0];
}

function descendants(node: XmlNode, tag: string): XmlNode[] {
  return children(node).flatMap((child) => (name(child) === tag ? [child] : descendants(child, tag)));
}

/** Text content of an element (with `<cp>` resolved), for data, meta and native code. */
function plain(node: XmlNode | undefined): string {
  return children(node)
    .map((child) => (name(child) === '#text' ? (child['#text'] ?? '') : name(child) === 'cp' ? String.fromCodePoint(Number.parseInt(attr(child, 'hex') ?? 'FFFD', 16)) : plain(child)))
    .join('');
}

function single(nodes: XmlNode[], tag: string): XmlNode {
  if (nodes.length !== 1) throw new XliffError('xliff-unsupported', { detail: `expected one <${tag}>, found ${nodes.length}` }, START);
  return nodes[0]!;
}
