/**
 * Front matter: read with gray-matter restricted to YAML, validated with zod,
 * every problem located at the key it concerns.
 */
import matter from 'gray-matter';
import { isMap, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { VFile } from 'vfile';
import { report } from './rules.js';
import type { Point } from './types.js';

/** Bytes of front matter bitext reads at most: it is metadata, not content. */
export const MAX_FRONT_MATTER = 64 * 1024;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

const common = {
  title: z.string().min(1, 'expected a non-empty title'),
  date: z.union([isoDate, z.date().transform((d) => d.toISOString().slice(0, 10))]),
  meeting: z.string().min(1, 'expected the meeting, e.g. "IGF 2024 MAG, 6th meeting"'),
  kind: z.enum(['action-items', 'summary', 'brochure']),
};

const sourceSchema = z.object(common);
const translationSchema = z.object({
  ...common,
  source_commit: z.string().regex(/^[0-9a-f]{7,40}$/, 'expected the git commit of en.md (hex)').optional(),
  translators: z.array(z.string()).default([]),
  reviewers: z.array(z.string()).default([]),
  status: z.enum(['draft', 'reviewed', 'published']).default('draft'),
  /** Set by `bitext new` when segments were pre-filled from translation memory. */
  machine_prefilled: z.boolean().optional(),
  /** git blob id of en.md at `source_commit` (set by `bitext new`/`bump`): staleness by content hash where there is no history. */
  source_hash: z.string().regex(/^[0-9a-f]{40}$/, 'expected the git blob id of en.md (40 hex)').optional(),
  /** Ids of segments pre-filled from a fuzzy translation-memory match, to review (set by `bitext new`). */
  fuzzy: z.array(z.string()).optional(),
});

/** The schemas keeping unknown keys (reported apart), made once: zod compiles a schema on its first use. */
const sourceOpen = sourceSchema.passthrough();
const translationOpen = translationSchema.passthrough();

export type FrontMatter = z.infer<typeof translationSchema>;
export type Kind = FrontMatter['kind'];
export type Status = FrontMatter['status'];

export const SOURCE_KEYS = Object.keys(sourceSchema.shape);
export const TRANSLATION_KEYS = Object.keys(translationSchema.shape);

// gray-matter would evaluate `---js` blocks with eval(); every engine but YAML throws instead.
// gray-matter only splits front matter from body here: the YAML itself is parsed
// below with `yaml`, which gives node ranges for located errors and limits aliases.
const refuse = (): never => {
  throw new Error('front matter engine disabled');
};
const engines = {
  yaml: (): object => ({}),
  js: refuse,
  javascript: refuse,
  coffee: refuse,
  coffeescript: refuse,
  cson: refuse,
  toml: refuse,
  json: refuse,
};

function parseYaml(text: string): Document.Parsed {
  // `yaml` does not take a lone CR as a line break; LF has the same length, so ranges stay right.
  return parseDocument(text.replace(/\r(?!\n)/g, '\n'), { uniqueKeys: true, prettyErrors: false });
}

export interface FrontMatterResult {
  data: FrontMatter | undefined;
  /** Offset of the body in the text given. */
  bodyStart: number;
}

const OPENING = /^---([^\n\r]*)(?:\r\n|\r|\n)/;

/**
 * Read and validate the front matter of `text` (the file value without BOM);
 * `offset` is where `text` starts in the file, for locations.
 */
export function readFrontMatter(file: VFile, text: string, offset: number, isSource: boolean): FrontMatterResult {
  const keys = isSource ? SOURCE_KEYS : TRANSLATION_KEYS;
  const opening = OPENING.exec(text);
  if (!opening) {
    report(file, 'front-matter-missing', { params: { keys: keys.join(', ') }, place: pointAt(text, 0, offset) });
    return { data: undefined, bodyStart: 0 };
  }
  const language = (opening[1] ?? '').trim();
  if (language !== '' && language !== 'yaml') {
    report(file, 'front-matter-language', { params: { language }, place: pointAt(text, 3, offset) });
    return { data: undefined, bodyStart: skipBlock(text).end };
  }
  const { closeStart, end } = skipBlock(text);
  if (end > MAX_FRONT_MATTER) {
    report(file, 'front-matter-too-large', { params: { size: end, max: MAX_FRONT_MATTER }, place: pointAt(text, 0, offset) });
    return { data: undefined, bodyStart: end };
  }
  // gray-matter finds the body; its engines above make sure only YAML is ever read.
  const parsed = matter(text, { engines, language: 'yaml' });
  const bodyStart = text.endsWith(parsed.content) ? text.length - parsed.content.length : end;
  // The YAML is parsed once more with `yaml` for its node ranges, so schema errors point at their key.
  const yamlStart = opening[0].length;
  const doc = parseYaml(text.slice(yamlStart, Math.max(yamlStart, closeStart)));
  const at = (pos: number): Point => pointAt(text, yamlStart + pos, offset);
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    report(file, 'front-matter-yaml', { params: { detail: error.message.split('\n')[0] ?? '' }, place: at(error.pos[0]) });
    return { data: undefined, bodyStart };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    report(file, 'front-matter-yaml', { params: { detail: (error as Error).message }, place: at(0) });
    return { data: undefined, bodyStart };
  }
  return { data: validate(file, doc, raw, at, isSource), bodyStart };
}

function validate(file: VFile, doc: Document.Parsed, raw: unknown, at: (pos: number) => Point, isSource: boolean): FrontMatter | undefined {
  const keys = isSource ? SOURCE_KEYS : TRANSLATION_KEYS;
  const keyOffset = (key: string): number => {
    if (!isMap(doc.contents)) return 0;
    const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === key);
    return (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? 0;
  };
  const data: unknown = raw ?? {}; // an empty block: let the schema name the missing keys
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report(file, 'front-matter-schema', { params: { key: '(root)', detail: 'expected a mapping of keys' }, place: at(0) });
    return undefined;
  }
  for (const key of Object.keys(data)) {
    if (!keys.includes(key)) report(file, 'front-matter-unknown-key', { params: { key, keys: keys.join(', ') }, place: at(keyOffset(key)) });
  }
  const result = (isSource ? sourceOpen : translationOpen).safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '(root)');
      const detail = key in data ? `is invalid: ${issue.message}` : 'is missing';
      report(file, 'front-matter-schema', { params: { key, detail }, place: at(keyOffset(key)) });
    }
    return undefined;
  }
  const known = Object.fromEntries(Object.entries(result.data).filter(([key]) => keys.includes(key)));
  return translationSchema.parse({ translators: [], reviewers: [], status: 'draft', ...known });
}

/** Where the closing `---` line of a front matter block starts, and the offset just after it. */
function skipBlock(text: string): { closeStart: number; end: number } {
  const close = /(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)/g;
  close.lastIndex = Math.max(0, text.search(/[\r\n]/) - 1);
  const match = close.exec(text);
  return match ? { closeStart: match.index, end: match.index + match[0].length } : { closeStart: text.length, end: text.length };
}

/** Line/column of `index` in `text`, with `offset` added to the file offset. */
export function pointAt(text: string, index: number, offset = 0): Point {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 + (line === 1 ? offset : 0), offset: index + offset };
}
