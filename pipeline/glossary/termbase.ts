/**
 * Load the termbase: every `*.yaml` file of a folder, validated against the
 * zod schema, each problem located at its key (file:line:col).
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { termbaseFileSchema, type EntryData } from './schema.js';

/** A termbase entry and where it was read. */
export interface Entry extends EntryData {
  /** Path of the YAML file, as given to the loader (relative when the folder was). */
  file: string;
  line: number;
  column: number;
}

export interface Termbase {
  entries: Entry[];
  /** The YAML files read, in order. */
  files: string[];
}

/** One located problem of a termbase file. */
export interface GlossaryProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A malformed termbase: every problem, each at file:line:col. */
export class GlossaryError extends Error {
  constructor(readonly problems: GlossaryProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'GlossaryError';
  }
}

const EMPTY: Termbase = { entries: [], files: [] };

/** Load every `*.yaml` / `*.yml` of `dir` (`shown` is how paths appear in messages); an empty folder has no terms. */
export async function loadTermbase(dir: string, shown = dir): Promise<Termbase> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (error) {
    throw new Error(`Cannot read the glossary folder ${shown}: ${(error as Error).message}`);
  }
  if (names.length === 0) return EMPTY;
  const problems: GlossaryProblem[] = [];
  const entries: Entry[] = [];
  for (const name of names) {
    const file = path.join(shown, name);
    entries.push(...parseTermbaseFile(await readFile(path.join(dir, name), 'utf8'), file, problems));
  }
  checkAcrossEntries(entries, problems);
  if (problems.length > 0) throw new GlossaryError(problems);
  return { entries, files: names.map((n) => path.join(shown, n)) };
}

/** The default termbase folder of a repository. */
export const DEFAULT_GLOSSARY = 'glossary';

/**
 * The termbase a command uses: `dir` (default `<cwd>/glossary`). A repository
 * without the default folder has no terms; a folder named explicitly must exist.
 */
export async function openTermbase(cwd: string, dir?: string): Promise<Termbase> {
  const resolved = path.resolve(cwd, dir ?? DEFAULT_GLOSSARY);
  if (resolved === path.resolve(cwd, DEFAULT_GLOSSARY) && !existsSync(resolved)) return EMPTY;
  return loadTermbase(resolved, path.relative(cwd, resolved) || '.');
}

/** Parse one termbase file; problems are appended, valid entries returned. */
export function parseTermbaseFile(text: string, file: string, problems: GlossaryProblem[]): Entry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number, message: string): void => {
    const { line, col } = lines.linePos(offset);
    problems.push({ file, line, column: col, message });
  };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) at(error.pos[0], `invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
    return [];
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    at(0, `invalid YAML: ${(error as Error).message}`);
    return [];
  }
  const result = termbaseFileSchema.safeParse(raw ?? { entries: [] });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = issue.path.map(String).join('.') || '(root)';
      at(offsetOf(doc, issue.path), `\`${where}\` ${issue.message}`);
    }
    return [];
  }
  return result.data.entries.map((entry, index) => {
    const { line, col } = lines.linePos(offsetOf(doc, ['entries', index]));
    return { ...entry, file, line, column: col };
  });
}

/** Offset of the node at `keys` (or of its closest existing parent). */
function offsetOf(doc: Document.Parsed, keys: readonly PropertyKey[]): number {
  for (let n = keys.length; n >= 0; n--) {
    const node: unknown = doc.getIn(keys.slice(0, n).map((k) => (typeof k === 'symbol' ? String(k) : k)), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return range[0];
  }
  return 0;
}

/** Rules a single file cannot see: unique ids, a form both approved and forbidden, `use` naming an approved form. */
function checkAcrossEntries(entries: readonly Entry[], problems: GlossaryProblem[]): void {
  const ids = new Map<string, Entry>();
  for (const entry of entries) {
    const problem = (message: string): void => {
      problems.push({ file: entry.file, line: entry.line, column: entry.column, message: `entry \`${entry.id}\`: ${message}` });
    };
    const first = ids.get(entry.id);
    if (first) problem(`duplicate id; first defined at ${first.file}:${first.line}`);
    else ids.set(entry.id, entry);
    for (const [lang, rendering] of Object.entries(entry.langs)) {
      if (!rendering) continue;
      for (const forbidden of rendering.forbidden ?? []) {
        if (rendering.approved.includes(forbidden.form)) problem(`${lang} form \`${forbidden.form}\` is both approved and forbidden`);
        if (forbidden.use !== undefined && !rendering.approved.includes(forbidden.use)) {
          problem(`${lang} \`use: ${forbidden.use}\` of \`${forbidden.form}\` is not an approved form`);
        }
      }
    }
  }
}
