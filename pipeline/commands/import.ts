/** `bitext import <file>`: write the translations of an XLIFF file back into the Markdown by range edits. */
import { type Command } from 'commander';
import { importXliff } from '../exchange/import.js';
import { formatReport, hasErrors } from '../report.js';
import type { Register } from './io.js';

export const register: Register = (program: Command, io) => {
  program
    .command('import')
    .description('import a translated XLIFF 2.x or 1.2 file into content/<slug>/<lang>.md, changing only the sentences it changes')
    .argument('<file>', 'an XLIFF file made by bitext export')
    .option('--force', 'import even onto English that changed since the export, and over uncommitted changes')
    .option('--dry-run', 'report what would change without writing')
    .option('--content <dir>', 'content folder', 'content')
    .action(async (file: string, options: { force?: boolean; dryRun?: boolean; content: string }) => {
      const result = await importXliff(file, { cwd: io.cwd, contentDir: options.content, force: options.force ?? false, dryRun: options.dryRun ?? false });
      if (result.file.messages.length > 0) io.stderr(formatReport([result.file], 'text'));
      const failed = hasErrors([result.file]);
      if (result.target && !failed) {
        const verb = options.dryRun ? 'Would update' : 'Updated';
        io.stdout(`${verb} ${result.edits.length} segment(s) of ${result.target}; ${result.unchanged} unchanged\n`);
      }
      io.exitCode = failed ? 1 : 0;
    });
};
