/** `bitext align <slug>`: a translation aligned with its English source, as a table, JSON, bilingual Markdown or HTML. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadMeeting } from '../load.js';
import { align } from '../align.js';
import { ALIGN_FORMATS, formatAlignment, type AlignFormat } from '../align-format.js';
import { SOURCE_LANG } from '../languages.js';
import { formatReport, hasErrors } from '../report.js';
import type { Register } from './io.js';
import { documentPath } from '../paths.js';

/** Register `bitext align` on the program. */
export const register: Register = (program: Command, io) => {
  program
    .command('align')
    .description('align a translation with its English source, sentence by sentence')
    .argument('<slug>', 'meeting folder under the content folder, e.g. 2024-02-27-first-open-consultations-mag')
    .requiredOption('--lang <lang>', 'language of the translation, e.g. zh')
    .addOption(new Option('--format <format>', 'output format').choices([...ALIGN_FORMATS]).default('table'))
    .option('--content <dir>', 'content folder', 'content')
    .action(async (slug: string, options: { lang: string; format: AlignFormat; content: string }) => {
      if (options.lang === SOURCE_LANG) throw new Error(`--lang ${SOURCE_LANG} is the English source; name a translation, e.g. --lang zh`);
      const targetPath = documentPath(path.resolve(io.cwd, options.content), slug, options.lang);
      const dir = path.dirname(targetPath);
      const sourcePath = path.join(dir, `${SOURCE_LANG}.md`);
      for (const file of [sourcePath, targetPath]) {
        if (!(await stat(file).then((s) => s.isFile(), () => false))) throw new Error(`No such file: ${path.relative(io.cwd, file)}`);
      }
      const meeting = await loadMeeting(dir, [targetPath], io.cwd);
      const target = meeting.translations[0];
      if (!meeting.source || !target) throw new Error(`Cannot read ${path.relative(io.cwd, targetPath)} with its source`);
      io.stdout(formatAlignment(align(meeting.source, target), options.format));
      const files = [meeting.source.file, target.file];
      if (files.some((file) => file.messages.length > 0)) io.stderr(formatReport(files, 'text'));
      io.exitCode = hasErrors(files) ? 1 : 0;
    });
};
