/** `bitext new <slug> --lang <tag>`: start a translation with the English structure, pre-filled from the translation memory. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCorpus } from '../load.js';
import { buildMemory } from '../tm.js';
import { draftTranslation, type Draft } from '../track-new.js';
import { selectTranslation } from '../track-load.js';
import { writeTranslatorFile } from '../write.js';
import type { Register } from './io.js';

/** The JSON shape of `bitext new --format json`: the draft without its content. */
export type NewJson = Omit<Draft, 'content'>;

function newText(draft: NewJson): string {
  const lines = [
    `${draft.path}: created from ${draft.segments} English segments: ${draft.exact.length} exact, ${draft.fuzzy.length} fuzzy (to review), ${draft.untranslated.length} left in English`,
  ];
  for (const f of draft.fuzzy) lines.push(`${draft.path}:${f.line} fuzzy ${Math.round(f.similarity * 100)}% from ${f.from}: ${f.english}`);
  for (const note of draft.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

export const register: Register = (program: Command, io) => {
  program
    .command('new')
    .description('create content/<slug>/<lang>.md with the structure of en.md, pre-filled from the translation memory')
    .argument('<slug>', 'meeting folder name')
    .requiredOption('--lang <tag>', 'language of the new translation, e.g. fr')
    .option('--force', 'replace an existing, committed translation')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--content <dir>', 'content folder', 'content')
    .option('--threshold <ratio>', 'least similarity of a fuzzy match (0–1)', '0.75')
    .action(async (slug: string, options: { lang: string; force?: boolean; format: 'text' | 'json'; content: string; threshold: string }) => {
      const threshold = Number(options.threshold);
      if (!(threshold > 0 && threshold <= 1)) throw new Error(`--threshold expects a number in (0, 1], got "${options.threshold}"`);
      const { meeting, target } = await selectTranslation(options.content, slug, options.lang, io.cwd);
      const file = path.resolve(io.cwd, meeting.dir, `${options.lang}.md`);
      if ((target || existsSync(file)) && !options.force) {
        throw new Error(`${path.relative(io.cwd, file)} already exists; bitext new never overwrites a translation (pass --force to replace a committed one)`);
      }
      const corpus = await loadCorpus([path.resolve(io.cwd, options.content)], { cwd: io.cwd });
      const memory = await buildMemory(corpus.meetings, options.lang, { cwd: io.cwd, exclude: [slug] });
      const { content, ...draft } = await draftTranslation(meeting, options.lang, memory, { cwd: io.cwd, threshold });
      // Never forced: a replaced translation must be committed, so nothing a translator wrote is lost.
      await writeTranslatorFile(file, content);
      io.stdout(options.format === 'json' ? `${JSON.stringify(draft, null, 2)}\n` : newText(draft));
    });
};
