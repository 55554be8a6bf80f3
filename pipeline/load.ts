/**
 * Find, read, parse and segment the documents under the given paths, grouped
 * into meetings. A bad file becomes located messages; the others go on.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { emptyDoc, parse, type Options as ParseOptions } from './parse.js';
import { segment } from './segment.js';
import { isLanguageTag, languages, SOURCE_LANG } from './languages.js';
import { report } from './rules.js';
import { isInside, SLUG_PATTERN } from './paths.js';
import type { Doc, Meeting } from './types.js';

export { SLUG_PATTERN as SLUG } from './paths.js';

export interface Corpus {
  meetings: Meeting[];
  /** The documents asked for, in a stable order (meeting, then language); sources read only as context are left out. */
  docs: Doc[];
}

export interface Options {
  /** Directory paths are shown relative to; default `process.cwd()`. */
  cwd?: string;
  /** Parses each file (default: in this thread, no cache); see `createParser` in pool.ts. */
  parser?: Parser;
  /** Called once the files are found, then after each document is read. */
  onProgress?: (done: number, total: number) => void;
}

/** Turns the bytes of one file into a parsed, segmented document. */
export interface Parser {
  parse(bytes: Uint8Array, options: ParseOptions): Promise<Doc>;
}

/** Load every meeting under `paths` (content folders, meeting folders or files). */
export async function loadCorpus(paths: readonly string[], options: Options = {}): Promise<Corpus> {
  const cwd = options.cwd ?? process.cwd();
  const { byDir, refused } = await findMeetings(paths, cwd);
  const meetings: Meeting[] = [];
  const docs: Doc[] = [];
  const dirs = [...byDir.keys()].sort();
  // Every meeting is read at once so a worker pool stays busy; results keep the sorted order.
  const total = dirs.reduce((n, dir) => n + byDir.get(dir)!.size, 0);
  let done = 0;
  options.onProgress?.(0, total);
  const onDoc = options.onProgress ? () => options.onProgress!(++done, total) : undefined;
  const loaded = await Promise.all(dirs.map((dir) => loadMeeting(dir, [...byDir.get(dir)!].sort(), cwd, options.parser, onDoc)));
  for (const [index, dir] of dirs.entries()) {
    const files = [...byDir.get(dir)!].sort();
    const meeting = loaded[index]!;
    meetings.push(meeting);
    for (const doc of meeting.source ? [meeting.source, ...meeting.translations] : meeting.translations) {
      if (files.includes(path.resolve(cwd, doc.file.path))) docs.push(doc);
    }
  }
  for (const file of refused) {
    const doc = emptyDoc({ path: path.relative(cwd, file), slug: path.basename(path.dirname(file)), lang: path.basename(file, '.md') });
    report(doc.file, 'symlink-outside', { place: { line: 1, column: 1, offset: 0 } });
    docs.push(doc);
  }
  return { meetings, docs };
}

/** The Markdown files under `paths`, by meeting folder (absolute paths), and the symbolic links refused as leading outside (sorted). */
export async function findMeetings(paths: readonly string[], cwd: string): Promise<{ byDir: Map<string, Set<string>>; refused: string[] }> {
  const byDir = new Map<string, Set<string>>();
  const refused: string[] = [];
  for (const input of paths) {
    const root = path.resolve(cwd, input);
    for (const file of findMarkdown(root, realOrUndefined(root) ?? root, refused)) {
      const dir = path.dirname(file);
      if (!byDir.has(dir)) byDir.set(dir, new Set());
      byDir.get(dir)!.add(file);
    }
  }
  return { byDir, refused: refused.sort() };
}

/**
 * Markdown files under `target`: `<lang>.md`, README.md excluded. Symbolic
 * links are followed only while they stay inside `realRoot`, so a link in
 * content/ can never make bitext read a file from elsewhere. Synchronous:
 * an archive of 1,000 meetings is thousands of entries, and a thread-pool
 * round trip for each stat took longer than the walk itself.
 */
function findMarkdown(target: string, realRoot: string, refused: string[]): string[] {
  const info = statSync(target, { throwIfNoEntry: false });
  if (!info) throw new Error(`No such file or folder: ${target}`);
  if (info.isFile()) return [target];
  const found: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(target, entry.name);
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const real = realOrUndefined(full);
    if (real === undefined) continue; // a dangling link
    if (!isInside(realRoot, real)) {
      refused.push(full);
      continue;
    }
    const kind = statSync(full);
    if (kind.isDirectory()) found.push(...findMarkdown(full, realRoot, refused));
    else if (kind.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') found.push(full);
  }
  return found;
}

function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Load the files of one meeting folder; the English source is read even when only a translation was asked for. */
export async function loadMeeting(dir: string, files: readonly string[], cwd: string, parser?: Parser, onDoc?: () => void): Promise<Meeting> {
  const slug = path.basename(dir);
  const sourcePath = path.join(dir, `${SOURCE_LANG}.md`);
  const hasSource = statSync(sourcePath, { throwIfNoEntry: false })?.isFile() ?? false;
  const wanted = hasSource && !files.includes(sourcePath) ? [sourcePath, ...files] : files;
  const meeting: Meeting = { slug, dir: path.relative(cwd, dir) || '.', source: undefined, translations: [] };
  for (const file of wanted) {
    const doc = await loadDoc(file, slug, cwd, undefined, parser);
    if (files.includes(file)) onDoc?.();
    if (!SLUG_PATTERN.test(slug)) report(doc.file, 'bad-slug', { params: { slug }, place: { line: 1, column: 1, offset: 0 } });
    if (doc.lang === SOURCE_LANG) meeting.source = doc;
    else {
      if (!hasSource) {
        report(doc.file, 'missing-source', { params: { expected: path.relative(cwd, sourcePath) }, place: { line: 1, column: 1, offset: 0 } });
      }
      meeting.translations.push(doc);
    }
  }
  return meeting;
}

/** Read, parse and segment one file; the language comes from the file name unless given. */
export async function loadDoc(file: string, slug: string, cwd: string, language?: string, parser?: Parser): Promise<Doc> {
  const lang = language ?? path.basename(file, '.md');
  const shown = path.relative(cwd, file);
  if (!isLanguageTag(lang)) {
    const doc = emptyDoc({ path: shown, slug, lang });
    report(doc.file, 'unknown-language', {
      params: { lang, langs: languages.map((l) => l.tag).join(', ') },
      place: { line: 1, column: 1, offset: 0 },
    });
    return doc;
  }
  let bytes: Uint8Array;
  try {
    // Read synchronously: a meeting's files are small and usually in the page cache, and fs/promises
    // takes several thread-pool round trips per file (open, stat, read, close), during which a
    // build's worker sat idle about 4% of the time.
    bytes = readFileSync(file);
  } catch (error) {
    const doc = emptyDoc({ path: shown, slug, lang });
    report(doc.file, 'read-error', { params: { detail: (error as Error).message } });
    return doc;
  }
  return parser ? parser.parse(bytes, { path: shown, slug, lang }) : segment(parse(bytes, { path: shown, slug, lang }));
}
