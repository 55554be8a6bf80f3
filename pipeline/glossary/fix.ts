/**
 * `bitext glossary fix`: forbidden variants replaced by their approved form
 * where the replacement is unambiguous, as range edits on the file's own text
 * (nothing else of the file changes), shown as a unified diff.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyEdits, type Edit } from '../edits.js';
import { SOURCE_LANG } from '../languages.js';
import type { Doc } from '../types.js';
import { writeTranslatorFile } from '../write.js';
import { replacementOf } from './check.js';
import type { Hit, TermIndex } from './forms.js';
import { leftmostLongest } from './matcher.js';

/** What fixing one file did or would do. */
export interface FileFix {
  path: string;
  applied: Edit[];
  /** Forbidden variants left: no single approved form, or overlapping another edit. */
  left: { text: string; offset: number; reason: string }[];
  /** Unified diff of the change (empty when nothing changes). */
  patch: string;
  output: string;
  /** Why the file was not written, when it was not. */
  refused?: string;
}

/** The edits that replace the forbidden variants of a translation, and the variants no edit can fix. */
export function planFixes(doc: Doc, index: TermIndex): { edits: Edit[]; ambiguous: Hit[] } {
  const all = index.target(doc.lang).findAll(doc.value);
  const edits: Edit[] = [];
  const ambiguous: Hit[] = [];
  for (const hit of leftmostLongest(all)) {
    if (hit.pattern.data.kind !== 'forbidden') continue;
    // The same text may be forbidden in several entries: fix it only if they all agree on the replacement.
    const same = all.filter((h) => h.start === hit.start && h.end === hit.end && h.pattern.data.kind === 'forbidden');
    const replacements = new Set(same.map((h) => replacementOf(h, doc.lang)));
    const [replacement] = replacements;
    if (replacements.size !== 1 || replacement === undefined) ambiguous.push(hit);
    else edits.push({ start: hit.start, end: hit.end, text: replacement, reason: 'glossary-forbidden-variant' });
  }
  return { edits, ambiguous };
}

/** Fix one translation in memory: the new text, the diff and what was left. */
export function fixDoc(doc: Doc, index: TermIndex): FileFix {
  const { edits, ambiguous } = planFixes(doc, index);
  const { output, applied, skipped } = applyEdits(doc.value, edits);
  const patch = output === doc.value ? '' : createTwoFilesPatch(doc.file.path, doc.file.path, doc.value, output, '', '', { context: 1 });
  const left = [
    ...ambiguous.map((h) => ({ text: h.text, offset: h.start, reason: 'no single approved form to replace it with' })),
    ...skipped.map((e) => ({ text: doc.value.slice(e.start, e.end), offset: e.start, reason: 'overlaps another replacement' })),
  ];
  return { path: doc.file.path, applied, left, patch, output };
}

export interface Options {
  cwd: string;
  /** Only show the diff. */
  dryRun?: boolean;
  /** Write over uncommitted changes. */
  force?: boolean;
}

/** Fix every translation of `docs` and write the changed ones (atomically, never over uncommitted work unless forced). */
export async function fixDocs(docs: readonly Doc[], index: TermIndex, options: Options): Promise<FileFix[]> {
  const results: FileFix[] = [];
  for (const doc of docs) {
    if (doc.lang === SOURCE_LANG || !doc.tree) continue;
    const fix = fixDoc(doc, index);
    results.push(fix);
    if (options.dryRun || fix.applied.length === 0) continue;
    const file = path.resolve(options.cwd, doc.file.path);
    // The text was decoded from the file; if it does not encode back to the same bytes (bad UTF-8), writing would lose bytes.
    if (!Buffer.from(doc.value, 'utf8').equals(await readFile(file))) {
      fix.refused = `${doc.file.path}: the file changed or is not valid UTF-8; not written`;
      continue;
    }
    try {
      await writeTranslatorFile(file, fix.output, options.force ? { force: true } : {});
    } catch (error) {
      fix.refused = (error as Error).message;
    }
  }
  return results;
}
