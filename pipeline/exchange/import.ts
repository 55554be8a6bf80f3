/**
 * Import a translated XLIFF back into `content/<slug>/<lang>.md` by range
 * edits: each segment's target replaces exactly the target sentences it was
 * exported from (found by their content ids, so no re-alignment is needed);
 * front matter, structure, whitespace and every sentence the XLIFF leaves
 * unchanged stay byte for byte. An XLIFF whose English no longer matches
 * en.md is refused as a whole, unless forced.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { toMarkdown, toPlainText } from './inline.js';
import { readXliff, XliffError, type ReadSegment } from './read.js';
import { applyEdits, type Edit } from '../edits.js';
import { loadDoc } from '../load.js';
import { report } from '../rules.js';
import { scriptOf, SOURCE_LANG } from '../languages.js';
import { WriteRefused, writeTranslatorFile } from '../write.js';
import type { Doc, Segment } from '../types.js';

export interface ImportOptions {
  /** Directory paths are resolved against and shown relative to. */
  cwd: string;
  /** The content folder holding `<slug>/<lang>.md` (default `content`). */
  contentDir?: string;
  /** Import onto English that changed since the export, and write over uncommitted changes. */
  force?: boolean;
  /** Compute the edits without writing. */
  dryRun?: boolean;
}

export interface ImportResult {
  /** The XLIFF file, carrying every finding. */
  file: VFile;
  /** The Markdown file imported into (relative to cwd), when known. */
  target: string | undefined;
  edits: Edit[];
  /** Segments whose translation equals the file's already. */
  unchanged: number;
  written: boolean;
}

/** Import the XLIFF file at `xliffPath` into its translation; findings are messages on `result.file`. */
export async function importXliff(xliffPath: string, options: ImportOptions): Promise<ImportResult> {
  const shown = path.relative(options.cwd, path.resolve(options.cwd, xliffPath));
  const file = new VFile({ path: shown });
  const result: ImportResult = { file, target: undefined, edits: [], unchanged: 0, written: false };
  let xml: string;
  try {
    xml = decodeXml(await readFile(path.resolve(options.cwd, xliffPath)));
  } catch (error) {
    report(file, 'read-error', { params: { detail: (error as Error).message } });
    return result;
  }
  file.value = xml;
  let xliff;
  try {
    xliff = readXliff(xml);
  } catch (error) {
    if (!(error instanceof XliffError)) throw error;
    report(file, error.ruleId, { params: error.params, place: error.place });
    return result;
  }
  const dir = path.resolve(options.cwd, options.contentDir ?? 'content', xliff.slug);
  const docs = await loadPair(file, dir, xliff.slug, xliff.trgLang, options.cwd);
  if (!docs) return result;
  const { source, target } = docs;
  result.target = target.file.path;
  planEdits(file, xliff.segments, source, target, options, result);
  if (file.messages.some((m) => m.fatal) || result.edits.length === 0 || options.dryRun) return result;
  await write(xliff.segments, target, options, result);
  return result;
}

/** XML text from bytes: UTF-16 when a byte order mark says so (some Windows tools save XLIFF that way), else UTF-8; the mark is dropped. */
function decodeXml(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding, { fatal: true }).decode(bytes); // never import U+FFFD in place of bad bytes
}

/** Apply the planned edits to the translation and write it; edits that overlap an earlier one are reported, not applied. */
async function write(segments: readonly ReadSegment[], target: Doc, options: ImportOptions, result: ImportResult): Promise<void> {
  const { output, applied, skipped } = applyEdits(target.value, result.edits);
  for (const edit of skipped) {
    const place = segments.find((segment) => segment.id === edit.reason)?.place;
    const params = { id: edit.reason ?? '', path: target.file.path, detail: 'another segment of the XLIFF replaces the same sentences' };
    report(result.file, 'import-target-changed', { params, ...(place ? { place } : {}) });
  }
  result.edits = applied;
  try {
    await writeTranslatorFile(path.resolve(options.cwd, target.file.path), output, { force: options.force ?? false });
    result.written = true;
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    report(result.file, 'import-write-refused', { params: { detail: error.message } });
  }
}

async function loadPair(file: VFile, dir: string, slug: string, lang: string, cwd: string): Promise<{ source: Doc; target: Doc } | undefined> {
  if (!/^[\w-]+$/.test(slug) || !/^[\w-]+$/.test(lang) || lang === SOURCE_LANG) {
    report(file, 'xliff-unsupported', { params: { detail: `file id "${slug}" and target language "${lang}" do not name a translation` } });
    return undefined;
  }
  const docs: Doc[] = [];
  for (const language of [SOURCE_LANG, lang]) {
    const full = path.join(dir, `${language}.md`);
    const doc = await loadDoc(full, slug, cwd, language);
    if (!doc.tree) {
      report(file, 'import-missing-file', { params: { path: path.relative(cwd, full) } });
      return undefined;
    }
    docs.push(doc);
  }
  return { source: docs[0]!, target: docs[1]! };
}

interface Context {
  file: VFile;
  source: Doc;
  target: Doc;
  sourceById: ReadonlyMap<string, Segment>;
  targetById: ReadonlyMap<string, Segment>;
  result: ImportResult;
}

/** Check every segment against the current files and collect the edits of changed translations. */
function planEdits(file: VFile, segments: readonly ReadSegment[], source: Doc, target: Doc, options: ImportOptions, result: ImportResult): void {
  const context: Context = {
    file,
    source,
    target,
    sourceById: new Map(source.segments.map((s) => [s.id, s])),
    targetById: new Map(target.segments.map((s) => [s.id, s])),
    result,
  };
  for (const segment of segments) {
    checkSource(context, segment, options.force ?? false);
    if (!segment.target || toPlainText(segment.target).trim() === '') continue; // an empty target is untranslated, not a deletion
    const markdown = toMarkdown(segment.target);
    if ((segment.targetIds ?? []).length === 0) planInsertion(context, segment, markdown);
    else planReplacement(context, segment, segment.targetIds!, markdown);
  }
}

/** Report a segment whose English is not the current English of en.md (an error unless forced). */
function checkSource({ file, source, sourceById }: Context, segment: ReadSegment, force: boolean): void {
  const english = contiguous(segment.sourceIds.map((id) => sourceById.get(id)));
  const current = english ? source.value.slice(english.start, english.end) : '';
  if (current === toMarkdown(segment.source)) return;
  report(file, 'import-stale-source', {
    params: { id: segment.id, path: source.file.path, xliff: clip(toPlainText(segment.source)), current: english ? clip(current) : '(deleted)' },
    place: segment.place,
    ...(english ? { related: { file: source.file.path, place: english.first.position.start, note: 'current English' } } : {}),
    ...(force ? { severity: 'warning' as const } : {}),
  });
}

/** A translation of a segment exported untranslated: inserted next to the target sentence its anchor names. */
function planInsertion({ file, target, targetById, result }: Context, segment: ReadSegment, markdown: string): void {
  const [, side, id = ''] = /^(after|before):(.+)$/.exec(segment.anchor ?? '') ?? [];
  const next = targetById.get(id);
  if (!next) {
    report(file, 'import-no-place', { params: { id: segment.id, path: target.file.path }, place: segment.place });
    return;
  }
  if (breaksBlock(file, segment, markdown, target, next)) return;
  const joiner = scriptOf(target.lang) === 'cjk' ? '' : ' ';
  const edit = side === 'after' ? { start: next.end, end: next.end, text: joiner + markdown } : { start: next.start, end: next.start, text: markdown + joiner };
  // Inserted by an earlier import of the same file: the text already stands there.
  if (target.value.slice(edit.start - edit.text.length, edit.end + edit.text.length).includes(edit.text)) result.unchanged++;
  else result.edits.push({ ...edit, reason: segment.id });
}

/** A translation replacing the target sentences it was exported from, when they are still there and it differs. */
function planReplacement({ file, target, targetById, result }: Context, segment: ReadSegment, ids: readonly string[], markdown: string): void {
  const range = contiguous(ids.map((id) => targetById.get(id)));
  if (!range) {
    if (target.value.includes(markdown)) {
      result.unchanged++; // imported before: the sentence ids changed with the text
      return;
    }
    const missing = ids.filter((id) => !targetById.has(id));
    const detail = missing.length > 0 ? `sentence ${missing.join(', ')} not found` : 'its sentences are no longer adjacent';
    report(file, 'import-target-changed', { params: { id: segment.id, path: target.file.path, detail }, place: segment.place });
    return;
  }
  if (breaksBlock(file, segment, markdown, target, range.first)) return;
  if (target.value.slice(range.start, range.end) === markdown) result.unchanged++;
  else result.edits.push({ start: range.start, end: range.end, text: markdown, reason: segment.id });
}

/** Report (and return true) when a translation would split or end its block: a blank line, or any line break in a heading or table cell. */
function breaksBlock(file: VFile, segment: ReadSegment, markdown: string, target: Doc, at: Segment): boolean {
  const kind = target.blocks[at.blockIndex]?.kind;
  const what = /\n[ \t]*\n/.test(markdown)
    ? 'a blank line'
    : (kind === 'heading' || kind === 'tableCell') && /[\r\n]/.test(markdown)
      ? `a line break in a ${kind === 'heading' ? 'heading' : 'table cell'}`
      : undefined;
  if (what) report(file, 'import-breaks-block', { params: { id: segment.id, what, path: target.file.path }, place: segment.place });
  return what !== undefined;
}

/** The range of segments that follow each other in one block, or undefined when one is missing or they do not. */
function contiguous(segments: (Segment | undefined)[]): { start: number; end: number; first: Segment } | undefined {
  const first = segments[0];
  if (!first || segments.some((s) => !s)) return undefined;
  const list = segments as Segment[];
  const ok = list.every((s, i) => i === 0 || (s.index === list[i - 1]!.index + 1 && s.blockIndex === first.blockIndex));
  return ok ? { start: first.start, end: list[list.length - 1]!.end, first } : undefined;
}

function clip(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
