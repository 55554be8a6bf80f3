/**
 * Find, read, parse and segment the documents under the given paths, grouped
 * into meetings. A bad file becomes located messages; the others go on.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { emptyDoc, parse } from './parse.js';
import { segment } from './segment.js';
import { isLanguageTag, languages, SOURCE_LANG } from './languages.js';
import { report } from './rules.js';
import type { Doc, Meeting } from './types.js';

export const SLUG = /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Corpus {
  meetings: Meeting[];
  /** The documents asked for, in a stable order (meeting, then language); sources read only as context are left out. */
  docs: Doc[];
}

export interface Options {
  /** Directory paths are shown relative to; default `process.cwd()`. */
  cwd?: string;
}

/** Load every meeting under `paths` (content folders, meeting folders or files). */
export async function loadCorpus(paths: readonly string[], options: Options = {}): Promise<Corpus> {
  const cwd = options.cwd ?? process.cwd();
  const byDir = new Map<string, Set<string>>();
  for (const input of paths) {
    for (const file of await findMarkdown(path.resolve(cwd, input))) {
      const dir = path.dirname(file);
      if (!byDir.has(dir)) byDir.set(dir, new Set());
      byDir.get(dir)!.add(file);
    }
  }
  const meetings: Meeting[] = [];
  const docs: Doc[] = [];
  for (const dir of [...byDir.keys()].sort()) {
    const files = [...byDir.get(dir)!].sort();
    const meeting = await loadMeeting(dir, files, cwd);
    meetings.push(meeting);
    for (const doc of meeting.source ? [meeting.source, ...meeting.translations] : meeting.translations) {
      if (files.includes(path.resolve(cwd, doc.file.path))) docs.push(doc);
    }
  }
  return { meetings, docs };
}

/** Markdown files of a meeting folder: `<lang>.md`, README.md excluded. */
async function findMarkdown(target: string): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new Error(`No such file or folder: ${target}`);
  if (info.isFile()) return [target];
  const found: string[] = [];
  for (const entry of (await readdir(target, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...(await findMarkdown(full)));
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') found.push(full);
  }
  return found;
}

/** Load the files of one meeting folder; the English source is read even when only a translation was asked for. */
export async function loadMeeting(dir: string, files: readonly string[], cwd: string): Promise<Meeting> {
  const slug = path.basename(dir);
  const sourcePath = path.join(dir, `${SOURCE_LANG}.md`);
  const hasSource = await stat(sourcePath).then((s) => s.isFile(), () => false);
  const wanted = hasSource && !files.includes(sourcePath) ? [sourcePath, ...files] : files;
  const meeting: Meeting = { slug, dir: path.relative(cwd, dir) || '.', source: undefined, translations: [] };
  for (const file of wanted) {
    const doc = await loadDoc(file, slug, cwd);
    if (!SLUG.test(slug)) report(doc.file, 'bad-slug', { params: { slug }, place: { line: 1, column: 1, offset: 0 } });
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
export async function loadDoc(file: string, slug: string, cwd: string, language?: string): Promise<Doc> {
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
    bytes = await readFile(file);
  } catch (error) {
    const doc = emptyDoc({ path: shown, slug, lang });
    report(doc.file, 'read-error', { params: { detail: (error as Error).message } });
    return doc;
  }
  return segment(parse(bytes, { path: shown, slug, lang }));
}
