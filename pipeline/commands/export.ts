/** `bitext export`: a meeting's translation as XLIFF 2.1 or 1.2, or the corpus as a TMX translation memory. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadCorpus } from '../load.js';
import { alignMeeting } from '../align.js';
import { exportXliff } from '../exchange/xliff.js';
import { exportTmx } from '../exchange/tmx.js';
import { formatReport, hasErrors } from '../report.js';
import type { Alignment } from '../types.js';
import type { Register } from './io.js';

type Format = 'xliff' | 'xliff12' | 'tmx';

interface Options {
  lang?: string;
  format: Format;
  output?: string;
  content: string;
  all?: boolean;
}

export const register: Register = (program: Command, io) => {
  program
    .command('export')
    .description('export a translation as XLIFF 2.1/1.2 for CAT tools, or aligned pairs as a TMX 1.4b memory')
    .argument('[slug]', 'meeting folder name, e.g. 2024-02-27-first-open-consultations-mag (TMX: omit for the whole corpus)')
    .option('--lang <tag>', 'target language, e.g. zh (XLIFF: default the only translation; TMX: default every language)')
    .addOption(new Option('--format <format>', 'exchange format').choices(['xliff', 'xliff12', 'tmx']).default('xliff'))
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('--content <dir>', 'content folder', 'content')
    .option('--all', 'TMX of every meeting (same as omitting the slug)')
    .action(async (slug: string | undefined, options: Options) => {
      if (options.format !== 'tmx' && (slug === undefined || options.all)) throw new Error('XLIFF export needs one meeting: bitext export <slug> --lang <tag>');
      if (options.output?.endsWith('.md')) throw new Error(`Refusing to write an export over Markdown: ${options.output}`);
      const dir = path.resolve(io.cwd, options.content);
      const corpus = await loadCorpus([slug === undefined || options.all ? dir : path.join(dir, slug)], { cwd: io.cwd });
      const files = corpus.meetings.flatMap((m) => (m.source ? [m.source, ...m.translations] : m.translations)).map((doc) => doc.file);
      if (hasErrors(files)) {
        io.stderr(formatReport(files, 'text'));
        io.exitCode = 1;
        return;
      }
      const alignments = corpus.meetings.flatMap((meeting) => alignMeeting(meeting)).filter((a) => options.lang === undefined || a.target.lang === options.lang);
      const output = options.format === 'tmx' ? exportTmx(alignments, { toolVersion: program.version() ?? 'unknown' }) : exportXliff(pickOne(alignments, slug ?? '', options.lang), options.format === 'xliff' ? '2.1' : '1.2');
      if (options.output === undefined) io.stdout(output);
      else await writeFile(path.resolve(io.cwd, options.output), output, 'utf8');
      io.exitCode = 0;
    });
};

/** The one alignment an XLIFF export is about; an Error names what is missing or ambiguous. */
function pickOne(alignments: readonly Alignment[], slug: string, lang: string | undefined): Alignment {
  if (alignments.length === 1) return alignments[0]!;
  if (alignments.length === 0) throw new Error(`No ${lang ?? ''} translation of ${slug} to export${lang ? '' : ' (or no en.md)'}`.replace('  ', ' '));
  throw new Error(`${slug} has translations in ${alignments.map((a) => a.target.lang).join(', ')}; choose one with --lang`);
}
